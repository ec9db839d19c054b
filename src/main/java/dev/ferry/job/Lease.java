package dev.ferry.job;

import java.util.Objects;
import java.util.UUID;

/**
 * The fencing token of one claim: a worker's writes for a job match only while the job is still processing under
 * this owner and this attempt. A write that matches nothing means the lease is lost.
 */
public record Lease(UUID jobId, String owner, int attempt) {

    public Lease {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(owner, "owner");
    }
}
