package dev.ferry.job;

/** A status change the state machine does not allow. */
public final class IllegalTransition extends RuntimeException {

    public IllegalTransition(JobStatus from, JobStatus to) {
        super("a job cannot go from " + from.wire() + " to " + to.wire());
    }
}
