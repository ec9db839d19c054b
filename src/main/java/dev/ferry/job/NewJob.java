package dev.ferry.job;

import java.util.List;
import java.util.Objects;

/**
 * A validated request for a job. {@code requestHash} fingerprints the request so that a reused Idempotency-Key can be
 * told apart from a replay.
 */
public record NewJob(
        List<NewFile> files,
        String callbackUrl,
        Priority priority,
        int maxAttempts,
        String idempotencyKey,
        String requestHash) {

    public NewJob {
        files = List.copyOf(files);
        Objects.requireNonNull(priority, "priority");
        if (files.isEmpty()) {
            throw new IllegalArgumentException("a job needs at least one file");
        }
        if ((idempotencyKey == null) != (requestHash == null)) {
            throw new IllegalArgumentException("idempotencyKey and requestHash come together");
        }
    }
}
