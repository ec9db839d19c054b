package dev.ferry.job;

import java.util.UUID;

/** Published in this node once a job's row is gone, so a local worker stops its transfer at once. */
public record JobDeleted(UUID jobId) {
}
