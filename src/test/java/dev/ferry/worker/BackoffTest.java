package dev.ferry.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Duration BASE = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofMinutes(5);

    @Test
    void lowestRandomWaitsHalfTheCeiling() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 0.0);

        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void highestRandomWaitsTheWholeCeiling() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);

        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void jitterFallsBetweenHalfAndWholeCeiling() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 0.5);

        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void ceilingDoublesWithEachAttempt() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofSeconds(16));
        assertThat(backoff.after(5)).isEqualTo(Duration.ofSeconds(32));
    }

    @Test
    void ceilingIsCappedAtMax() {
        assertThat(new Backoff(BASE, MAX, () -> 1.0).after(9)).isEqualTo(MAX);
        assertThat(new Backoff(BASE, MAX, () -> 0.0).after(9)).isEqualTo(MAX.dividedBy(2));
    }

    @Test
    void firstAttemptAndAttemptZeroWaitBase() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);

        assertThat(backoff.after(1)).isEqualTo(BASE);
        assertThat(backoff.after(0)).isEqualTo(BASE);
    }

    @Test
    void hugeAttemptNumbersStayAtMaxWithoutOverflowing() {
        Backoff backoff = new Backoff(BASE, MAX, () -> 1.0);

        assertThat(backoff.after(63)).isEqualTo(MAX);
        assertThat(backoff.after(64)).isEqualTo(MAX);
        assertThat(backoff.after(1_000)).isEqualTo(MAX);
        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(MAX);
    }

    @Test
    void hugeMaxIsReachedWithoutOverflowing() {
        Duration day = Duration.ofDays(1);
        Backoff backoff = new Backoff(day, Duration.ofMillis(Long.MAX_VALUE), () -> 1.0);

        assertThat(backoff.after(Integer.MAX_VALUE)).isEqualTo(day.multipliedBy(1L << 30))
                .isPositive();
    }
}
