package dev.ferry.job;

import java.time.Duration;

/**
 * What the estimate of a new job's duration is made from: jobs waiting, jobs running, and how long recent jobs took
 * (null when none finished recently).
 */
public record QueueStats(long waiting, long running, Duration recentAverage) {

    private static final Duration TYPICAL = Duration.ofSeconds(30);

    /**
     * A range such as {@code "60-120s"} for a job just accepted (and so counted among the waiting): the jobs ahead of
     * it drain at the current parallelism (at least one), each taking about the recent average, then it takes one
     * more; the upper bound doubles that to allow for the variance of real sources.
     */
    public String estimate() {
        Duration perJob = recentAverage == null ? TYPICAL : recentAverage;
        long parallel = Math.max(1, running);
        long ahead = Math.max(0, waiting - 1);
        double rounds = 1.0 + (double) ahead / parallel;
        long low = Math.max(1, Math.round(perJob.toMillis() * rounds / 1000.0));
        return low + "-" + (low * 2) + "s";
    }
}
