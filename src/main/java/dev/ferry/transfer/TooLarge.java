package dev.ferry.transfer;

/**
 * The source is larger than 10,000 parts of the configured part size, the most one S3 object can be made of.
 * Permanent: a larger {@code ferry.storage.part-size} is needed.
 */
public final class TooLarge extends RuntimeException {

    public TooLarge(long partSize) {
        super("source is larger than 10,000 parts of " + partSize + " bytes, the most one object can hold; "
                + "raise ferry.storage.part-size");
    }
}
