package dev.ferry.job;

import java.time.Duration;

/** How an attempt ends; decided in one place by the worker and written by one guarded statement. */
public sealed interface Outcome {

    /** The transition this outcome makes from {@link JobStatus#PROCESSING}. */
    JobStatus status();

    /** What the job's {@code error} says afterwards; null when there is nothing wrong to report. */
    String error();

    /** What the transition's event says. */
    default String reason() {
        return error() == null ? "every file stored" : error();
    }

    /** Every file was handled; {@code error} names the files that failed, null when none did. */
    record Completed(String error) implements Outcome {
        public JobStatus status() {
            return JobStatus.COMPLETED;
        }
    }

    /** Nothing could be stored: the failures are permanent, or the attempts are spent. */
    record Failed(String error) implements Outcome {
        public JobStatus status() {
            return JobStatus.FAILED;
        }
    }

    /** Transient failures with attempts left: claimable again after {@code delay}. */
    record RetryAfter(Duration delay, String error) implements Outcome {
        public JobStatus status() {
            return JobStatus.RETRYING;
        }
    }
}
