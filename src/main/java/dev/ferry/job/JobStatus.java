package dev.ferry.job;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A job's status and the one transition table. The database CHECK constraint lists the same values and
 * docs/design.md draws the same diagram.
 */
public enum JobStatus {
    /** Accepted and waiting for a free worker slot. */
    QUEUED,
    /** Held by one worker under a lease. */
    PROCESSING,
    /** Failed transiently; claimable again at {@code next_attempt_at}. */
    RETRYING,
    /** Every file was handled; files that failed are listed on the job. Terminal. */
    COMPLETED,
    /** No file could be stored, or a permanent error. Terminal; the dead-letter set. */
    FAILED,
    /** Stopped on request. Terminal. */
    CANCELLED;

    static {
        QUEUED.next = EnumSet.of(PROCESSING, CANCELLED);
        PROCESSING.next = EnumSet.of(COMPLETED, FAILED, RETRYING, CANCELLED);
        RETRYING.next = EnumSet.of(PROCESSING, CANCELLED);
        FAILED.next = EnumSet.of(QUEUED);
        COMPLETED.next = EnumSet.noneOf(JobStatus.class);
        CANCELLED.next = EnumSet.noneOf(JobStatus.class);
    }

    private Set<JobStatus> next;

    /** Whether the state machine allows going from this status to {@code target}. */
    public boolean canMoveTo(JobStatus target) {
        return next.contains(target);
    }

    /** Checks a transition, throwing {@link IllegalTransition} when the state machine forbids it. */
    public JobStatus moveTo(JobStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalTransition(this, target);
        }
        return target;
    }

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    /** The value used in JSON and in the database. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWire(String value) {
        for (JobStatus status : values()) {
            if (status.wire().equals(value)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown job status: " + value);
    }
}
