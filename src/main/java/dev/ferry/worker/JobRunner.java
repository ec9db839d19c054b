package dev.ferry.worker;

import dev.ferry.job.FileStatus;
import dev.ferry.job.Job;
import dev.ferry.job.JobFile;
import dev.ferry.job.JobLeases;
import dev.ferry.job.JobRepository;
import dev.ferry.job.Lease;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Runs one claimed job: copies its pending files, then ends the attempt with the outcome {@link Outcomes} decides. */
@Component
final class JobRunner {

    private final JobRepository jobs;
    private final JobLeases leases;
    private final FileCopier copier;
    private final WorkerProperties properties;
    private final Backoff backoff;

    JobRunner(JobRepository jobs, JobLeases leases, FileCopier copier, WorkerProperties properties) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.copier = Objects.requireNonNull(copier, "copier");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.backoff = new Backoff(properties.backoffBase(), properties.backoffMax(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The job as it ends this attempt; fails with {@code LeaseLost} when the claim was lost on the way. */
    Mono<Job> run(Job job) {
        Lease lease = job.lease();
        return jobs.files(job.id()).collectList().flatMap(files -> {
            List<FileResult.Failed> earlier = files.stream()
                    .filter(f -> f.status() == FileStatus.FAILED)
                    .map(f -> new FileResult.Failed(f.name(), f.error(), false))
                    .toList();
            return Flux.fromIterable(files)
                    .filter(JobRunner::pending)
                    .flatMap(file -> copier.copy(lease, file), properties.filesPerJob())
                    .collectList()
                    .flatMap(results -> leases.finish(lease, Outcomes.decide(job, results, earlier, backoff)));
        });
    }

    private static boolean pending(JobFile file) {
        return file.status() == FileStatus.QUEUED || file.status() == FileStatus.TRANSFERRING;
    }
}
