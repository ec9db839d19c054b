package dev.ferry.transfer;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Recycles full-size part buffers, so a node in steady work allocates no new part arrays: each would be a
 * humongous allocation for the collector, and a stream of them keeps the heap at its ceiling. Keeps at most
 * {@code capacity} idle buffers; a buffer never handed back (a cancelled upload may still be reading it) is simply
 * left to the collector, never reused. Lock-free: taken on event loops, handed back on the storage client's threads.
 */
public final class PartBuffers {

    private final int partSize;
    private final int capacity;
    private final Queue<byte[]> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    public PartBuffers(int partSize, int capacity) {
        if (partSize < 1 || capacity < 0) {
            throw new IllegalArgumentException("partSize must be positive and capacity not negative");
        }
        this.partSize = partSize;
        this.capacity = capacity;
    }

    public int partSize() {
        return partSize;
    }

    /** An idle buffer of {@code partSize} bytes, or a new one when none is idle. */
    byte[] take() {
        byte[] buffer = idle.poll();
        if (buffer == null) {
            return new byte[partSize];
        }
        idleCount.decrementAndGet();
        return buffer;
    }

    /** Hands a buffer back once nothing reads it any more; kept only while fewer than the capacity are idle. */
    void recycle(byte[] buffer) {
        if (buffer.length != partSize) {
            return;
        }
        if (idleCount.incrementAndGet() <= capacity) {
            idle.offer(buffer);
        } else {
            idleCount.decrementAndGet();
        }
    }

    /** Buffers idle now. */
    int idle() {
        return idleCount.get();
    }
}
