package dev.ferry.support;

import dev.ferry.FerryApplication;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole Ferry node started and stopped by a test, over a data directory of its own, for tests about starts,
 * restarts and configuration that a shared Spring test context cannot show.
 */
public final class FerryNode implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final WebTestClient api;

    private FerryNode(ConfigurableApplicationContext context) {
        this.context = context;
        this.api = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + context.getEnvironment().getProperty("local.server.port"))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Starts a node with the test profile over {@code dataDir}, with extra command-line arguments. */
    public static FerryNode start(Path dataDir, String... arguments) {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=test", "--server.port=0",
                "--ferry.embedded.data-dir=" + dataDir));
        args.addAll(List.of(arguments));
        return new FerryNode(new SpringApplicationBuilder(FerryApplication.class).run(args.toArray(String[]::new)));
    }

    public Environment environment() {
        return context.getEnvironment();
    }

    /** POSTs a one-file job and returns its ID. */
    public String create(String url) {
        byte[] body = api.post().uri("/v1/download/jobs").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"files\":[{\"url\":\"" + url + "\"}]}")
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return JSON.readTree(body).get("job_id").stringValue();
    }

    public JsonNode job(String id) {
        return JSON.readTree(api.get().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    public String status(String id) {
        return job(id).get("status").stringValue();
    }

    @Override
    public void close() {
        context.close();
    }
}
