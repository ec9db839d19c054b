package dev.ferry.transfer;

import java.nio.ByteBuffer;

/**
 * A run of a source's bytes, numbered from 1, the unit of a multipart upload. The last part of a source carries its
 * {@link Summary}; every other part has none.
 */
public record Part(int number, byte[] bytes, int length, Summary summary) {

    public boolean last() {
        return summary != null;
    }

    /** The bytes, without a copy. */
    public ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes, 0, length);
    }

    /** What the whole source turned out to be: its SHA-256 (lower-case hex) and its length. */
    public record Summary(String sha256, long length) {
    }
}
