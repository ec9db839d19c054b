package dev.ferry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.netty.resources.LoopResources;

/**
 * BlockHound is installed for the whole suite (blockhound-junit-platform): these prove it is, so that every other test
 * would fail on a blocking call made on a Netty event loop or a Reactor non-blocking scheduler.
 */
class BlockHoundTest {

    @Test
    void blockingOnAReactorParallelThreadFails() {
        assertThatThrownBy(() -> Mono.delay(Duration.ofMillis(1))
                .doOnNext(tick -> sleep())
                .block())
                .hasRootCauseInstanceOf(BlockingOperationError.class);
    }

    @Test
    void blockingOnANettyEventLoopFails() throws Exception {
        LoopResources loops = LoopResources.create("blockhound-test", 1, true);
        try {
            EventLoop loop = loops.onClient(true).next().next();
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            loop.execute(() -> {
                try {
                    sleep();
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.complete(e);
                }
            });
            assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOf(BlockingOperationError.class);
        } finally {
            loops.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
