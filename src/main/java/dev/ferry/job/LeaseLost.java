package dev.ferry.job;

/** A fenced write matched no row: the job was rescued, deleted or finished elsewhere, and this worker must stop. */
public final class LeaseLost extends RuntimeException {

    public LeaseLost(Lease lease) {
        super("lease lost on job " + lease.jobId() + " (owner " + lease.owner() + ", attempt " + lease.attempt() + ")");
    }
}
