package dev.ferry.job;

/** The answer to a create: the job, whether it already existed under the same Idempotency-Key, and an estimate. */
public record Created(Job job, boolean replayed, String estimatedDuration) {
}
