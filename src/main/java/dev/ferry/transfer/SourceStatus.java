package dev.ferry.transfer;

/** A source answered with an HTTP status other than success. */
public final class SourceStatus extends RuntimeException {

    private final int status;

    public SourceStatus(int status) {
        super("source answered HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
