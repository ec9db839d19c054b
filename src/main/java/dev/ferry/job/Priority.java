package dev.ferry.job;

import java.util.Locale;

/** Claim order: every high job before any normal one, every normal one before any low one. */
public enum Priority {
    HIGH(0), NORMAL(1), LOW(2);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    /** The value stored in {@code job.priority}; lower is claimed first. */
    int rank() {
        return rank;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Priority ofRank(int rank) {
        for (Priority p : values()) {
            if (p.rank == rank) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown priority rank: " + rank);
    }

    /** Parses the wire value, or returns null when it is not one. */
    public static Priority fromWire(String value) {
        for (Priority p : values()) {
            if (p.wire().equals(value)) {
                return p;
            }
        }
        return null;
    }
}
