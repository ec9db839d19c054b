package dev.ferry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.FerryApplication;
import dev.ferry.support.OriginServer;
import dev.ferry.support.TestSession;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Whole service restarts over one data directory: the embedded PostgreSQL really stops and starts again from disk,
 * and no accepted job is lost.
 */
class RestartIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dataDir = TestSession.dataDir("restart");
    private final OriginServer origin = TestSession.origin();

    @Test
    void queuedJobsSurviveARestartAndThenComplete() {
        List<String> ids = new ArrayList<>();
        try (ConfigurableApplicationContext apiOnly = start("--ferry.worker.enabled=false")) {
            WebTestClient api = client(apiOnly);
            ids.add(create(api, origin.url(3000, 401, "")));
            ids.add(create(api, origin.url(6 * 1024 * 1024, 402, "")));
            assertThat(status(api, ids.get(0))).isEqualTo("queued");
        }
        assertThat(EmbeddedPostgresServer.isRunning(dataDir.resolve("postgres"))).isFalse();

        try (ConfigurableApplicationContext worker = start()) {
            WebTestClient api = client(worker);
            for (String id : ids) {
                await().atMost(Duration.ofSeconds(60)).until(() -> status(api, id).equals("completed"));
            }
        }
    }

    @Test
    void notifiedJobInFlightAtShutdownIsHandedBackAndFinishedAfterRestartWithoutSpendingAnAttempt() {
        Path dir = TestSession.dataDir("handback");
        String id;
        // No poll after start-up: only the NOTIFY of the insert can wake this dispatcher for the new job.
        try (ConfigurableApplicationContext first = start(dir, "--ferry.worker.poll-interval=1h")) {
            WebTestClient api = client(first);
            id = create(api, origin.url(30 * 1024 * 1024, 403, "slow=10"));
            await().atMost(Duration.ofSeconds(30)).until(() -> job(api, id).get("bytes_done").longValue() > 0);
        }

        try (ConfigurableApplicationContext second = start(dir)) {
            WebTestClient api = client(second);
            await().atMost(Duration.ofSeconds(90)).until(() -> status(api, id).equals("completed"));
            assertThat(job(api, id).get("attempts").intValue()).isEqualTo(1);
        }
    }

    private ConfigurableApplicationContext start(String... extra) {
        return start(dataDir, extra);
    }

    private static ConfigurableApplicationContext start(Path dir, String... extra) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=test", "--server.port=0",
                "--ferry.embedded.data-dir=" + dir));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(FerryApplication.class).run(args.toArray(String[]::new));
    }

    private static WebTestClient client(ConfigurableApplicationContext context) {
        String port = context.getEnvironment().getProperty("local.server.port");
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    private static String create(WebTestClient api, String url) {
        byte[] body = api.post().uri("/v1/download/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"files\":[{\"url\":\"" + url + "\"}]}")
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).get("job_id").stringValue();
    }

    private static JsonNode job(WebTestClient api, String id) {
        return JSON.readTree(api.get().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    private static String status(WebTestClient api, String id) {
        return job(api, id).get("status").stringValue();
    }
}
