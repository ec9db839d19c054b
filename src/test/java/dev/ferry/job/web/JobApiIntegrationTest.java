package dev.ferry.job.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.FerryIntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec;
import tools.jackson.databind.JsonNode;

/** The HTTP contract: answers, headers, problem+json errors, and that bad input stores nothing. */
class JobApiIntegrationTest extends FerryIntegrationTest {

    @Test
    void createAnswers202AtOnceWithWhereToFollowTheJob() {
        EntityExchangeResult<byte[]> result = api().post().uri("/v1/download/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(filesJob(origin().url(100, 201, "")))
                .exchange()
                .expectStatus().isAccepted()
                .expectBody().returnResult();

        JsonNode body = JSON.readTree(result.getResponseBody());
        String id = body.get("job_id").stringValue();
        assertThat(body.get("status").stringValue()).isEqualTo("queued");
        assertThat(body.get("estimated_duration").stringValue()).matches("\\d+-\\d+s");
        assertThat(body.get("status_url").stringValue()).isEqualTo("http://localhost:" + port + "/v1/download/jobs/" + id);
        assertThat(body.get("websocket_url").stringValue())
                .isEqualTo("ws://localhost:" + port + "/v1/download/jobs/" + id + "/stream");
        assertThat(body.get("events_url").stringValue()).endsWith("/v1/download/jobs/" + id + "/events");
        assertThat(result.getResponseHeaders().getLocation()).hasToString(body.get("status_url").stringValue());
        assertThat(events(id)).first().isEqualTo("queued: accepted");
    }

    @Test
    void sameIdempotencyKeyAndBodyReturnTheSameJobAndADifferentBodyIsAConflict() {
        String body = filesJob(origin().url(100, 211, ""));
        byte[] first = createWithKey("key-211", body).expectStatus().isAccepted()
                .expectHeader().valueEquals("Idempotent-Replayed", "false")
                .expectBody().returnResult().getResponseBody();
        long count = jobCount();

        byte[] again = createWithKey("key-211", body.replace("{\"url\"", "{ \"url\"")).expectStatus().isAccepted()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().returnResult().getResponseBody();
        byte[] conflict = createWithKey("key-211", filesJob(origin().url(100, 212, ""))).expectStatus()
                .isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();

        assertThat(JSON.readTree(again).get("job_id")).isEqualTo(JSON.readTree(first).get("job_id"));
        assertThat(jobCount()).isEqualTo(count);
        assertThat(JSON.readTree(conflict).get("errors").get(0).get("field").stringValue())
                .isEqualTo("Idempotency-Key");
    }

    private ResponseSpec createWithKey(String key,
            String body) {
        return api().post().uri("/v1/download/jobs")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void listIsNewestFirstWithCursorPagination() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createJob(filesJob(origin().url(50, 220 + i, ""))));
        }

        JsonNode first = JSON.readTree(api().get().uri("/v1/download/jobs?limit=2").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(ids(first)).containsExactly(created.get(2), created.get(1));
        String cursor = first.get("next_cursor").stringValue();
        JsonNode second = JSON.readTree(api().get().uri("/v1/download/jobs?limit=2&cursor={c}", cursor).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(ids(second).get(0)).isEqualTo(created.get(0));
    }

    @Test
    void listFiltersByStatus() {
        String id = createJob(filesJob(origin().url(50, 231, "status=404")));
        awaitTerminal(id);

        JsonNode failed = JSON.readTree(api().get().uri("/v1/download/jobs?status=failed&limit=100").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());

        assertThat(ids(failed)).contains(id);
        failed.get("jobs").forEach(j -> assertThat(j.get("status").stringValue()).isEqualTo("failed"));
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("jobs").forEach(j -> ids.add(j.get("job_id").stringValue()));
        return ids;
    }

    @Test
    void unknownJobIs404ProblemAndMalformedIdIs400() {
        problem(api().get().uri("/v1/download/jobs/{id}", "7b0e9a8e-0000-4000-8000-000000000000").exchange(), 404,
                "job_id");
        problem(api().delete().uri("/v1/download/jobs/{id}", "7b0e9a8e-0000-4000-8000-000000000000").exchange(), 404,
                "job_id");
        problem(api().get().uri("/v1/download/jobs/not-a-uuid").exchange(), 400, "job_id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badListQueries")
    void badListQueriesAre400(String query, String field) {
        problem(api().get().uri("/v1/download/jobs?" + query).exchange(), 400, field);
    }

    static List<Arguments> badListQueries() {
        return List.of(
                Arguments.of("status=bogus", "status"),
                Arguments.of("limit=0", "limit"),
                Arguments.of("limit=101", "limit"),
                Arguments.of("limit=ten", "limit"),
                Arguments.of("cursor=nonsense", "cursor"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void invalidRequestsGetProblemJsonNamingTheFieldAndStoreNothing(String name, String body, String field) {
        long before = jobCount();

        problem(post(body, MediaType.APPLICATION_JSON), 400, field);

        assertThat(jobCount()).isEqualTo(before);
    }

    static List<Arguments> badBodies() {
        String url = "http://127.0.0.1:1/x";
        StringBuilder tooMany = new StringBuilder("{\"file_ids\":[");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "" : ",").append(i);
        }
        tooMany.append("]}");
        return List.of(
                Arguments.of("empty file list", "{\"files\":[]}", "files"),
                Arguments.of("empty file id list", "{\"file_ids\":[]}", "file_ids"),
                Arguments.of("no files at all", "{\"priority\":\"high\"}", "files"),
                Arguments.of("both files and file ids", "{\"files\":[{\"url\":\"" + url + "\"}],\"file_ids\":[1]}",
                        "files"),
                Arguments.of("10,001 files", tooMany.toString(), "file_ids"),
                Arguments.of("non-HTTP URL", "{\"files\":[{\"url\":\"ftp://example.com/a\"}]}", "files[0].url"),
                Arguments.of("file URL without host", "{\"files\":[{\"url\":\"http:///a\"}]}", "files[0].url"),
                Arguments.of("file without URL", "{\"files\":[{\"name\":\"a\"}]}", "files[0].url"),
                Arguments.of("non-integer file id", "{\"file_ids\":[70000, \"abc\"]}", "file_ids[1]"),
                Arguments.of("fractional file id", "{\"file_ids\":[1.5]}", "file_ids[0]"),
                Arguments.of("negative file id", "{\"file_ids\":[-1]}", "file_ids[0]"),
                Arguments.of("unknown field", "{\"files\":[{\"url\":\"" + url + "\"}],\"colour\":\"red\"}", "colour"),
                Arguments.of("unknown file field", "{\"files\":[{\"url\":\"" + url + "\",\"size\":1}]}",
                        "files[0].size"),
                Arguments.of("malformed JSON", "{\"files\":[{\"url\":", "body"),
                Arguments.of("JSON that is not an object", "[1,2]", "body"),
                Arguments.of("empty body", "", "body"),
                Arguments.of("bad priority", "{\"files\":[{\"url\":\"" + url + "\"}],\"priority\":\"urgent\"}",
                        "priority"),
                Arguments.of("max_attempts out of range", "{\"files\":[{\"url\":\"" + url + "\"}],\"max_attempts\":0}",
                        "max_attempts"),
                Arguments.of("bad sha256", "{\"files\":[{\"url\":\"" + url + "\",\"sha256\":\"abc\"}]}",
                        "files[0].sha256"),
                Arguments.of("name with a slash", "{\"files\":[{\"url\":\"" + url + "\",\"name\":\"../etc\"}]}",
                        "files[0].name"),
                Arguments.of("non-HTTP callback", "{\"files\":[{\"url\":\"" + url + "\"}],\"callback_url\":\"file:/x\"}",
                        "callback_url"));
    }

    @Test
    void wrongContentTypeIs415Problem() {
        long before = jobCount();

        problem(post(filesJob(origin().url(1, 1, "")), MediaType.TEXT_PLAIN), 415, "Content-Type");
        problem(api().post().uri("/v1/download/jobs").bodyValue(new byte[] {'{', '}'}).exchange(), 415,
                "Content-Type");

        assertThat(jobCount()).isEqualTo(before);
    }

    @Test
    void bodyOverTheSizeLimitIs413Problem() {
        long before = jobCount();
        String padding = "x".repeat(300 * 1024);
        String body = "{\"files\":[{\"url\":\"http://127.0.0.1:1/" + padding + "\"}]}";

        problem(post(body, MediaType.APPLICATION_JSON), 413, "body");

        assertThat(jobCount()).isEqualTo(before);
    }

    private ResponseSpec post(String body, MediaType type) {
        return api().post().uri("/v1/download/jobs").contentType(type).bodyValue(body).exchange();
    }

    private static JsonNode problem(ResponseSpec response,
            int status, String field) {
        byte[] body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode problem = JSON.readTree(body);
        assertThat(problem.get("status").intValue()).isEqualTo(status);
        assertThat(problem.get("title").stringValue()).isNotBlank();
        assertThat(problem.get("detail").stringValue()).isNotBlank();
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> {
            fields.add(e.get("field").stringValue());
            assertThat(e.get("reason").stringValue()).isNotBlank();
        });
        assertThat(fields).contains(field);
        return problem;
    }
}
