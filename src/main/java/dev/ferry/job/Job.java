package dev.ferry.job;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of {@code job}: what was asked, where it stands, and who holds it. Changes of status go through the
 * repository's guarded statements, each checked against {@link JobStatus}; this record has no setters.
 */
public record Job(
        UUID id,
        JobStatus status,
        Priority priority,
        int attempt,
        int maxAttempts,
        Instant nextAttemptAt,
        String leaseOwner,
        int totalFiles,
        int filesDone,
        int filesFailed,
        long bytesDone,
        long bytesTotal,
        String callbackUrl,
        String error,
        Instant createdAt,
        Instant updatedAt,
        Instant finishedAt) {

    /** The fencing token for writes made under this job's current claim. */
    public Lease lease() {
        if (status != JobStatus.PROCESSING || leaseOwner == null) {
            throw new IllegalStateException("job " + id + " is " + status.wire() + ", not held by a worker");
        }
        return new Lease(id, leaseOwner, attempt);
    }

    /** Files finished either way: stored or given up on. */
    public int filesProcessed() {
        return filesDone + filesFailed;
    }

    public boolean attemptsLeft() {
        return attempt < maxAttempts;
    }
}
