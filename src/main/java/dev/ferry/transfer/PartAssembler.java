package dev.ferry.transfer;

import io.netty.buffer.ByteBuf;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Cuts a stream of buffers into parts of {@code partSize} bytes and digests it on the way.
 *
 * <p>A full part is held back until more bytes arrive, so that the last part is known to be last when it is handed
 * on (a source that fits in one part is then stored with a single PUT). It holds at most two parts: the one held back
 * and the one filling. Not thread-safe: one per source, fed in order.
 */
final class PartAssembler {

    static final int MAX_PARTS = 10_000;

    private final PartBuffers buffers;
    private final int partSize;
    private final Long declaredLength;
    private final MessageDigest digest;
    private byte[] filling;
    private int filled;
    private Part held;
    private int lastNumber;
    private long total;

    PartAssembler(int partSize, Long declaredLength) {
        this(new PartBuffers(partSize, 0), declaredLength);
    }

    PartAssembler(PartBuffers buffers, Long declaredLength) {
        this.buffers = buffers;
        this.partSize = buffers.partSize();
        this.declaredLength = declaredLength;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Takes in a buffer (copying it; the caller still owns it) and returns the parts it completed. */
    List<Part> accept(ByteBuf buf) {
        List<Part> ready = List.of();
        while (buf.isReadable()) {
            if (held != null) {
                ready = ready.isEmpty() ? new ArrayList<>(2) : ready;
                ready.add(held);
                held = null;
            }
            int n = Math.min(buf.readableBytes(), partSize - filled);
            ensureCapacity(filled + n);
            buf.readBytes(filling, filled, n);
            digest.update(filling, filled, n);
            filled += n;
            total += n;
            if (filled == partSize) {
                held = new Part(nextNumber(), filling, filled, null, pooled(filling));
                filling = null;
                filled = 0;
            }
        }
        return ready;
    }

    /** Ends the source: returns the remaining parts, the last one carrying the summary. */
    List<Part> finish() {
        if (declaredLength != null && declaredLength != total) {
            throw new IncompleteBody(declaredLength, total);
        }
        Part.Summary summary = new Part.Summary(HexFormat.of().formatHex(digest.digest()), total);
        List<Part> rest = new ArrayList<>(2);
        if (filled > 0 || held == null) {
            if (held != null) {
                rest.add(held);
            }
            ensureCapacity(filled);
            rest.add(new Part(nextNumber(), filling, filled, summary, pooled(filling)));
        } else {
            rest.add(held.lastWith(summary));
        }
        held = null;
        filling = null;
        return rest;
    }

    /** S3 numbers parts 1 to 10,000; a source needing more cannot be stored with this part size. */
    private int nextNumber() {
        if (lastNumber == MAX_PARTS) {
            throw new TooLarge(partSize);
        }
        return ++lastNumber;
    }

    /**
     * Gets a buffer for the part about to fill: a full-size one from the pool, unless the source announced that
     * fewer bytes remain (small files get an array of their exact size, which the pool does not take back).
     */
    private void ensureCapacity(int needed) {
        if (filling != null) {
            if (filling.length < needed) {
                // More bytes than the source announced: keep them, finish() reports the mismatch.
                byte[] bigger = new byte[Math.min(partSize, Math.max(needed, 2 * filling.length))];
                System.arraycopy(filling, 0, bigger, 0, filled);
                filling = bigger;
            }
            return;
        }
        long remaining = declaredLength == null ? partSize : declaredLength - total;
        filling = remaining >= partSize ? buffers.take() : new byte[(int) Math.max(needed, remaining)];
    }

    private PartBuffers pooled(byte[] buffer) {
        return buffer.length == partSize ? buffers : null;
    }
}
