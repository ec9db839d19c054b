package dev.ferry.transfer;

/** The bytes fetched do not have the SHA-256 the caller expected. Permanent. */
public final class ChecksumMismatch extends RuntimeException {

    public ChecksumMismatch(String expected, String actual) {
        super("SHA-256 mismatch: expected " + expected + ", got " + actual);
    }
}
