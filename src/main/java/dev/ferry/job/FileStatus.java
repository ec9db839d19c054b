package dev.ferry.job;

import java.util.Locale;

/** The status of one file of a job. */
public enum FileStatus {
    /** Not started in the current attempt. */
    QUEUED,
    /** Being fetched and stored. */
    TRANSFERRING,
    /** Stored; its object and digest are recorded. */
    DONE,
    /** Given up on; its error says why. */
    FAILED,
    /** Not transferred on purpose. */
    SKIPPED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static FileStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
