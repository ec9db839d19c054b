package dev.ferry.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.job.Job;
import dev.ferry.job.JobStatus;
import dev.ferry.job.Outcome;
import dev.ferry.job.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OutcomesTest {

    /** Always the whole ceiling, so the delay for attempt n is exactly 1s * 2^(n-1). */
    private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofHours(1), () -> 1.0);

    @Test
    void completesWithoutErrorWhenEveryFileIsStored() {
        Outcome outcome = decide(aJob().withFiles(3), List.of(stored("a"), stored("b"), stored("c")));

        assertThat(outcome).isEqualTo(new Outcome.Completed(null));
        assertThat(outcome.reason()).isEqualTo("every file stored");
    }

    @Test
    void completesNamingTheFilesThatFailedPermanentlyWhenOthersAreStored() {
        Outcome outcome = decide(aJob().withFiles(3),
                List.of(stored("a"), failed("b", "source answered HTTP 404"), stored("c")));

        assertThat(outcome).isEqualTo(new Outcome.Completed("1 of 3 files failed: b (source answered HTTP 404)"));
    }

    @Test
    void failsWhenEveryFileFailedPermanently() {
        Outcome outcome = decide(aJob().withFiles(2),
                List.of(failed("a", "source answered HTTP 404"), failed("b", "source answered HTTP 410")));

        assertThat(outcome).isEqualTo(new Outcome.Failed(
                "2 of 2 files failed: a (source answered HTTP 404), b (source answered HTTP 410)"));
    }

    @Test
    void retriesTransientFailureAfterTheBackoffOfThisAttemptWhileAttemptsAreLeft() {
        Outcome outcome = decide(aJob().withFiles(2).inAttempt(2).ofMaxAttempts(3),
                List.of(stored("a"), failedTransiently("b", "source answered HTTP 503")));

        assertThat(outcome).isEqualTo(new Outcome.RetryAfter(Duration.ofSeconds(2),
                "attempt 2 of 3: 1 of 2 files failed: b (source answered HTTP 503); retrying"));
        assertThat(((Outcome.RetryAfter) outcome).delay()).isEqualTo(backoff.after(2));
    }

    @Test
    void retriesWhenAnyFailureIsTransientEvenIfOthersArePermanent() {
        Outcome outcome = decide(aJob().withFiles(2).inAttempt(1).ofMaxAttempts(3),
                List.of(failed("a", "source answered HTTP 404"), failedTransiently("b", "source answered HTTP 503")));

        assertThat(outcome).isInstanceOf(Outcome.RetryAfter.class);
        assertThat(outcome.error()).contains("b (source answered HTTP 503)");
        assertThat(((Outcome.RetryAfter) outcome).delay()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void failsSayingHowManyAttemptsWhenTransientFailuresOutlastTheAttempts() {
        Outcome outcome = decide(aJob().withFiles(1).inAttempt(3).ofMaxAttempts(3),
                List.of(failedTransiently("a", "source answered HTTP 503")));

        assertThat(outcome).isEqualTo(new Outcome.Failed(
                "1 of 1 files failed: a (source answered HTTP 503) (after 3 attempts)"));
    }

    @Test
    void completesSayingHowManyAttemptsWhenOthersWereStoredBeforeAttemptsRanOut() {
        Outcome outcome = decide(aJob().withFiles(2).inAttempt(3).ofMaxAttempts(3),
                List.of(stored("a"), failedTransiently("b", "source answered HTTP 503")));

        assertThat(outcome).isEqualTo(new Outcome.Completed(
                "1 of 2 files failed: b (source answered HTTP 503) (after 3 attempts)"));
    }

    @Test
    void filesStoredInEarlierAttemptsMakeTheJobCompletedNotFailed() {
        Outcome outcome = decide(aJob().withFiles(2).inAttempt(2).withFilesDone(1),
                List.of(failed("b", "source answered HTTP 404")));

        assertThat(outcome).isEqualTo(new Outcome.Completed("1 of 2 files failed: b (source answered HTTP 404)"));
    }

    @Test
    void namesFilesThatFailedPermanentlyInEarlierAttempts() {
        Outcome outcome = Outcomes.decide(aJob().withFiles(3).inAttempt(2).withFilesDone(1).withFilesFailed(1).build(),
                List.of(stored("c")), List.of(failed("x", "source answered HTTP 403")), backoff);

        assertThat(outcome).isEqualTo(new Outcome.Completed("1 of 3 files failed: x (source answered HTTP 403)"));
    }

    @Test
    void failsWhenEarlierAndCurrentFailuresCoverEveryFile() {
        Outcome outcome = Outcomes.decide(aJob().withFiles(2).inAttempt(2).withFilesFailed(1).build(),
                List.of(failed("y", "source answered HTTP 404")), List.of(failed("x", "source answered HTTP 403")),
                backoff);

        assertThat(outcome).isEqualTo(new Outcome.Failed(
                "2 of 2 files failed: x (source answered HTTP 403), y (source answered HTTP 404)"));
    }

    @Test
    void namesTheFirstTenFailuresAndCountsTheRest() {
        List<FileResult> results = new ArrayList<>();
        IntStream.rangeClosed(1, 13).forEach(i -> results.add(failed("f" + i, "gone")));

        Outcome outcome = decide(aJob().withFiles(13), results);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(outcome.error())
                .startsWith("13 of 13 files failed: f1 (gone), f2 (gone)")
                .contains("f10 (gone)")
                .doesNotContain("f11", "f12", "f13")
                .endsWith("f10 (gone), and 3 more");
    }

    @Test
    void namesExactlyTenFailuresWithoutCountingMore() {
        List<FileResult> results = new ArrayList<>();
        IntStream.rangeClosed(1, 10).forEach(i -> results.add(failed("f" + i, "gone")));

        Outcome outcome = decide(aJob().withFiles(10), results);

        assertThat(outcome.error()).endsWith("f10 (gone)").doesNotContain("more");
    }

    private Outcome decide(JobBuilder job, List<FileResult> results) {
        return Outcomes.decide(job.build(), results, List.of(), backoff);
    }

    private static FileResult.Stored stored(String name) {
        return new FileResult.Stored(name);
    }

    private static FileResult.Failed failed(String name, String error) {
        return new FileResult.Failed(name, error, false);
    }

    private static FileResult.Failed failedTransiently(String name, String error) {
        return new FileResult.Failed(name, error, true);
    }

    private static JobBuilder aJob() {
        return new JobBuilder();
    }

    /** A job as claimed by a worker: processing, in its first of three attempts, nothing done yet. */
    private static final class JobBuilder {
        private int totalFiles = 1;
        private int attempt = 1;
        private int maxAttempts = 3;
        private int filesDone;
        private int filesFailed;

        JobBuilder withFiles(int totalFiles) {
            this.totalFiles = totalFiles;
            return this;
        }

        JobBuilder inAttempt(int attempt) {
            this.attempt = attempt;
            return this;
        }

        JobBuilder ofMaxAttempts(int maxAttempts) {
            this.maxAttempts = maxAttempts;
            return this;
        }

        JobBuilder withFilesDone(int filesDone) {
            this.filesDone = filesDone;
            return this;
        }

        JobBuilder withFilesFailed(int filesFailed) {
            this.filesFailed = filesFailed;
            return this;
        }

        Job build() {
            Instant now = Instant.parse("2025-01-01T00:00:00Z");
            return new Job(UUID.randomUUID(), JobStatus.PROCESSING, Priority.NORMAL, attempt, maxAttempts, now,
                    "worker-1", totalFiles, filesDone, filesFailed, 0, 0, null, null, now, now, null);
        }
    }
}
