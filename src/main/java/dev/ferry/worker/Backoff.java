package dev.ferry.worker;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with equal jitter: attempt n waits between half and all of {@code base * 2^(n-1)}, capped at
 * {@code max}. The jitter spreads the retries of jobs that failed together (one origin down) so they do not return
 * together.
 */
final class Backoff {

    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    Backoff(Duration base, Duration max, DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The delay after attempt {@code attempt} (1-based) failed. */
    Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long ceiling = Math.min(max.toMillis(), base.toMillis() << doublings);
        if (ceiling < 0) {
            ceiling = max.toMillis();
        }
        long half = ceiling / 2;
        return Duration.ofMillis(half + Math.round(random.getAsDouble() * (ceiling - half)));
    }
}
