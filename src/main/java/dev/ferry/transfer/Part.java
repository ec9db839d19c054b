package dev.ferry.transfer;

import java.nio.ByteBuffer;

/**
 * A run of a source's bytes, numbered from 1, the unit of a multipart upload. The last part of a source carries its
 * {@link Summary}; every other part has none. Full-size parts borrow their buffer from {@link PartBuffers}.
 */
public record Part(int number, byte[] bytes, int length, Summary summary, PartBuffers pool) {

    /** A part whose buffer belongs to nobody (it is left to the collector). */
    public Part(int number, byte[] bytes, int length, Summary summary) {
        this(number, bytes, length, summary, null);
    }

    /** The same bytes, now known to be the last part of the source. */
    Part lastWith(Summary sourceSummary) {
        return new Part(number, bytes, length, sourceSummary, pool);
    }

    /**
     * Hands the buffer back for reuse. Call once, only when nothing reads the bytes any more (the part is stored);
     * never after a cancelled upload, which may still be reading them.
     */
    public void recycle() {
        if (pool != null) {
            pool.recycle(bytes);
        }
    }

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
