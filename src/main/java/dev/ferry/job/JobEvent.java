package dev.ferry.job;

import java.time.Instant;

/** One status transition of a job, as appended to {@code job_event}. {@code from} is null for the first. */
public record JobEvent(long id, JobStatus from, JobStatus to, int attempt, String reason, Instant at) {
}
