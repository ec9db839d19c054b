package dev.ferry.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.FerryApplication;
import dev.ferry.storage.ObjectStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.reactive.server.WebTestClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole service on a random port, against the embedded PostgreSQL and the in-process S3 server, with the real
 * origin server of {@link TestSession}. One context, shared by every test class that extends this.
 */
@SpringBootTest(classes = FerryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class FerryIntegrationTest {

    protected static final JsonMapper JSON = JsonMapper.builder().build();
    protected static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled");

    @LocalServerPort
    protected int port;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected S3AsyncClient s3;

    @Autowired
    protected ObjectStore store;

    protected static OriginServer origin() {
        return TestSession.origin();
    }

    protected WebTestClient api() {
        return WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** POSTs a job and returns its ID, asserting the 202. */
    protected String createJob(String body) {
        byte[] answer = api().post().uri("/v1/download/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(answer).get("job_id").stringValue();
    }

    protected String filesJob(String... urls) {
        StringBuilder json = new StringBuilder("{\"files\":[");
        for (int i = 0; i < urls.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"url\":\"").append(urls[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    protected JsonNode job(String id) {
        byte[] body = api().get().uri("/v1/download/jobs/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    /** Polls the job until it is terminal, and returns it. */
    protected JsonNode awaitTerminal(String id) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            last.set(job(id));
            assertThat(last.get().get("status").stringValue()).isIn(TERMINAL);
        });
        return last.get();
    }

    protected long jobCount() {
        return db.sql("select count(*) as n from job").map((row, meta) -> row.get("n", Long.class)).one().block();
    }

    protected List<String> events(String id) {
        return db.sql("select to_status || ': ' || reason as line from job_event where job_id = :id::uuid order by id")
                .bind("id", id)
                .map((row, meta) -> row.get("line", String.class))
                .all().collectList().block();
    }

    protected List<String> objectKeys(String prefix) {
        return s3.listObjectsV2(b -> b.bucket(store.bucket()).prefix(prefix)).join()
                .contents().stream().map(S3Object::key).toList();
    }

    protected List<String> openUploads(String prefix) {
        return s3.listMultipartUploads(b -> b.bucket(store.bucket()).prefix(prefix)).join()
                .uploads().stream().map(MultipartUpload::key).toList();
    }

    /** Downloads a URL (a presigned one: no credentials) and returns the SHA-256 of the bytes and their count. */
    protected static Download download(String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest digest = Content.digest();
        long count = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; count += n) {
                digest.update(buffer, 0, n);
            }
        }
        return new Download(response.statusCode(), HexFormat.of().formatHex(digest.digest()), count);
    }

    protected record Download(int status, String sha256, long length) {
    }
}
