package dev.ferry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the feature arrows of ARCHITECTURE.md one-way: web → job; worker → job, transfer, storage, progress;
 * transfer → security; webhook → security; storage → job (it implements job's {@code JobStorage} port); job → nothing.
 */
@AnalyzeClasses(packages = "dev.ferry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FEATURES_BUT_JOB = {"dev.ferry.worker..", "dev.ferry.transfer..",
        "dev.ferry.storage..", "dev.ferry.progress..", "dev.ferry.webhook..", "dev.ferry.security..", "dev.ferry.ops..",
        "dev.ferry.embedded.."};

    @ArchTest
    static final ArchRule jobDependsOnNoOtherFeature = noClasses()
            .that().resideInAPackage("dev.ferry.job")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES_BUT_JOB)
            .orShould().dependOnClassesThat().resideInAPackage("dev.ferry.job.web..");

    @ArchTest
    static final ArchRule webDependsOnlyOnJob = noClasses()
            .that().resideInAPackage("dev.ferry.job.web..")
            .should().dependOnClassesThat().resideInAnyPackage(FEATURES_BUT_JOB);

    @ArchTest
    static final ArchRule transferDependsOnlyOnSecurity = noClasses()
            .that().resideInAPackage("dev.ferry.transfer..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.job..", "dev.ferry.worker..",
                    "dev.ferry.storage..", "dev.ferry.progress..", "dev.ferry.webhook..", "dev.ferry.ops..",
                    "dev.ferry.embedded..");

    @ArchTest
    static final ArchRule storageDependsOnlyOnJobsPort = noClasses()
            .that().resideInAPackage("dev.ferry.storage..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.ferry.job.web..", "dev.ferry.worker..",
                    "dev.ferry.transfer..", "dev.ferry.progress..", "dev.ferry.webhook..", "dev.ferry.security..",
                    "dev.ferry.ops..", "dev.ferry.embedded..");

    @ArchTest
    static final ArchRule nothingDependsOnTheWorker = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.worker..")
            .should().dependOnClassesThat().resideInAPackage("dev.ferry.worker..");

    @ArchTest
    static final ArchRule nothingDependsOnTheEmbeddedDefaults = noClasses()
            .that().resideOutsideOfPackage("dev.ferry.embedded..")
            .should().dependOnClassesThat().resideInAPackage("dev.ferry.embedded..");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.ferry.(*)..").should().beFreeOfCycles();
}
