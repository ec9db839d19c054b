package dev.ferry.transfer;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Recycles full-size part buffers, so a node in steady work allocates no new part arrays: each would be a
 * humongous allocation for the collector, and a stream of them keeps the heap at its ceiling. Keeps at most
 * {@code capacity} idle buffers; a buffer never handed back (a cancelled upload may still be reading it) is simply
 * left to the collector, never reused.
 */
public final class PartBuffers {

    private final int partSize;
    private final int capacity;
    private final BlockingQueue<byte[]> idle;

    public PartBuffers(int partSize, int capacity) {
        if (partSize < 1 || capacity < 0) {
            throw new IllegalArgumentException("partSize must be positive and capacity not negative");
        }
        this.partSize = partSize;
        this.capacity = capacity;
        this.idle = new ArrayBlockingQueue<>(Math.max(1, capacity));
    }

    public int partSize() {
        return partSize;
    }

    /** An idle buffer of {@code partSize} bytes, or a new one when none is idle. */
    byte[] take() {
        byte[] buffer = idle.poll();
        return buffer != null ? buffer : new byte[partSize];
    }

    /** Hands a buffer back once nothing reads it any more; kept only while fewer than the capacity are idle. */
    void recycle(byte[] buffer) {
        if (buffer.length == partSize && capacity > 0) {
            idle.offer(buffer);
        }
    }

    /** Buffers idle now. */
    int idle() {
        return idle.size();
    }
}
