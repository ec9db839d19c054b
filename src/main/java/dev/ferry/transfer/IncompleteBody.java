package dev.ferry.transfer;

/** The source ended before (or after) the length it announced: the connection was cut. Transient. */
public final class IncompleteBody extends RuntimeException {

    public IncompleteBody(long declared, long received) {
        super("source announced " + declared + " bytes but sent " + received);
    }
}
