package dev.ferry.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QueueStatsTest {

    private static final Pattern RANGE = Pattern.compile("(\\d+)-(\\d+)s");

    @Test
    void estimateIsARangeOfSeconds() {
        assertThat(new QueueStats(7, 3, Duration.ofMillis(12_345)).estimate()).matches(RANGE);
        assertThat(new QueueStats(0, 0, null).estimate()).matches(RANGE);
    }

    @Test
    void usesThirtySecondsPerJobWhenNothingFinishedRecently() {
        assertThat(new QueueStats(0, 0, null).estimate()).isEqualTo("30-60s");
        assertThat(new QueueStats(9, 2, null).estimate())
                .isEqualTo(new QueueStats(9, 2, Duration.ofSeconds(30)).estimate());
    }

    @Test
    void usesTheRecentAverageWhenThereIsOne() {
        assertThat(new QueueStats(0, 0, Duration.ofSeconds(10)).estimate()).isEqualTo("10-20s");
        assertThat(new QueueStats(0, 0, Duration.ofSeconds(90)).estimate()).isEqualTo("90-180s");
    }

    @Test
    void growsWithTheJobsWaiting() {
        long previous = 0;
        for (long waiting = 0; waiting <= 50; waiting += 5) {
            long low = low(new QueueStats(waiting, 4, Duration.ofSeconds(10)).estimate());
            assertThat(low).as("lower bound with %d waiting", waiting).isGreaterThan(previous);
            previous = low;
        }
    }

    @Test
    void drainsFasterWithMoreJobsRunning() {
        Duration average = Duration.ofSeconds(10);

        assertThat(low(new QueueStats(40, 8, average).estimate()))
                .isLessThan(low(new QueueStats(40, 2, average).estimate()));
    }

    @Test
    void countsAtLeastOneRunnerWhenNoneIsRunning() {
        assertThat(new QueueStats(6, 0, Duration.ofSeconds(10)).estimate())
                .isEqualTo(new QueueStats(6, 1, Duration.ofSeconds(10)).estimate());
    }

    @Test
    void upperBoundIsTwiceTheLower() {
        for (QueueStats stats : new QueueStats[] {new QueueStats(0, 0, null), new QueueStats(3, 2, null),
                new QueueStats(99, 7, Duration.ofMillis(4_321)), new QueueStats(0, 1, Duration.ZERO)}) {
            Matcher range = RANGE.matcher(stats.estimate());
            assertThat(range.matches()).as(stats.estimate()).isTrue();
            assertThat(Long.parseLong(range.group(2))).as(stats.estimate())
                    .isEqualTo(2 * Long.parseLong(range.group(1)));
        }
    }

    @Test
    void neverEstimatesLessThanOneSecond() {
        assertThat(new QueueStats(0, 0, Duration.ofMillis(1)).estimate()).isEqualTo("1-2s");
        assertThat(new QueueStats(0, 0, Duration.ZERO).estimate()).isEqualTo("1-2s");
    }

    private static long low(String estimate) {
        Matcher range = RANGE.matcher(estimate);
        assertThat(range.matches()).as(estimate).isTrue();
        return Long.parseLong(range.group(1));
    }
}
