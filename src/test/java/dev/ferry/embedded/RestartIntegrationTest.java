package dev.ferry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ferry.support.FerryNode;
import dev.ferry.support.OriginServer;
import dev.ferry.support.TestSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole service restarts over one data directory: the embedded PostgreSQL really stops and starts again from disk,
 * and no accepted job is lost.
 */
class RestartIntegrationTest {

    private final OriginServer origin = TestSession.origin();

    @Test
    void queuedJobsSurviveARestartAndThenComplete() {
        Path dir = TestSession.dataDir("restart");
        List<String> ids = new ArrayList<>();
        try (FerryNode apiOnly = FerryNode.start(dir, "--ferry.worker.enabled=false")) {
            ids.add(apiOnly.create(origin.url(3000, 401, "")));
            ids.add(apiOnly.create(origin.url(6 * 1024 * 1024, 402, "")));
            assertThat(apiOnly.status(ids.get(0))).isEqualTo("queued");
        }
        assertThat(EmbeddedPostgresServer.isRunning(dir.resolve("postgres"))).isFalse();

        try (FerryNode worker = FerryNode.start(dir)) {
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(60)).until(() -> worker.status(id).equals("completed"));
            }
        }
    }

    @Test
    void nodeThatFailsToStartLetsGoOfSharedServersOnlyOnce() {
        Path dir = TestSession.dataDir("shared-failure");
        try (FerryNode holder = FerryNode.start(dir)) {
            // Fails while creating beans, after the embedded servers were acquired for it.
            assertThatThrownBy(() -> FerryNode.start(dir, "--ferry.storage.part-size=1MB"))
                    .hasRootCauseMessage("ferry.storage.part-size must be within 5MB..512MB, got 1048576B");

            assertThat(EmbeddedPostgresServer.isRunning(dir.resolve("postgres"))).isTrue();
            String id = holder.create(origin.url(2000, 404, ""));
            await().atMost(Duration.ofSeconds(30)).until(() -> holder.status(id).equals("completed"));
        }
        assertThat(EmbeddedPostgresServer.isRunning(dir.resolve("postgres"))).isFalse();
    }

    @Test
    void notifiedJobInFlightAtShutdownIsHandedBackAndFinishedAfterRestartWithoutSpendingAnAttempt() {
        Path dir = TestSession.dataDir("handback");
        String id;
        // No poll after start-up: only the NOTIFY of the insert can wake this dispatcher for the new job.
        try (FerryNode first = FerryNode.start(dir, "--ferry.worker.poll-interval=1h")) {
            id = first.create(origin.url(30 * 1024 * 1024, 403, "slow=10"));
            String job = id;
            await().atMost(Duration.ofSeconds(30)).until(() -> first.job(job).get("bytes_done").longValue() > 0);
        }

        try (FerryNode second = FerryNode.start(dir)) {
            String job = id;
            await().atMost(Duration.ofSeconds(90)).until(() -> second.status(job).equals("completed"));
            assertThat(second.job(id).get("attempts").intValue()).isEqualTo(1);
        }
    }
}
