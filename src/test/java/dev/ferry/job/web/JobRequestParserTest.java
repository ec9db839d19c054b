package dev.ferry.job.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ferry.job.JobProperties;
import dev.ferry.job.NewFile;
import dev.ferry.job.NewJob;
import dev.ferry.job.Priority;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class JobRequestParserTest {

    private static final String SHA = "ABCDEF0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789";

    private final JobRequestParser parser = parser(new JobProperties(null, null, null));

    @Test
    void namesAFileAfterTheLastSegmentOfItsUrlPercentDecoded() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/reports/2024/annual%20report%C3%A9.pdf?sig=abc"}]}""");

        assertThat(job.files()).extracting(NewFile::name).containsExactly("annual reporté.pdf");
    }

    @Test
    void keepsAnEncodedSlashOutOfTheDerivedName() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a%2Fb.txt"}]}""");

        assertThat(job.files()).extracting(NewFile::name).containsExactly("a_b.txt");
    }

    @Test
    void namesFilesByPositionWhenTheirUrlHasNoLastSegment() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a.bin"},
                           {"url": "https://cdn.example/dir/"},
                           {"url": "https://cdn.example"},
                           {"url": "https://cdn.example/%2E%2E"}]}""");

        assertThat(job.files()).extracting(NewFile::name).containsExactly("a.bin", "file-2", "file-3", "file-4");
    }

    @Test
    void keepsAGivenNameOverTheDerivedOne() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a.bin", "name": "b.bin"}]}""");

        assertThat(job.files()).extracting(NewFile::name).containsExactly("b.bin");
    }

    @Test
    void keepsAPlusInTheUrlPathAsAPlus() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/c++-guide.pdf"}]}""");

        assertThat(job.files()).extracting(NewFile::name).containsExactly("c++-guide.pdf");
    }

    @Test
    void lowerCasesTheExpectedSha256() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a.bin", "sha256": "%s"}]}""".formatted(SHA));

        assertThat(job.files()).extracting(NewFile::expectedSha256).containsExactly(SHA.toLowerCase());
    }

    @Test
    void resolvesFileIdsThroughTheOriginTemplateNamingEachFileByItsId() {
        NewJob job = parse("""
                {"file_ids": [7, 42]}""");

        assertThat(job.files()).containsExactly(
                new NewFile("http://origin/files/7", "7", null),
                new NewFile("http://origin/files/42", "42", null));
    }

    @Test
    void sameRequestSpelledDifferentlyHasTheSameHash() {
        NewJob compact = parse("""
                {"files":[{"url":"https://cdn.example/a.bin","sha256":"%s"}],"priority":"high"}""".formatted(SHA),
                "key-1");
        NewJob spaced = parse("""
                {
                  "priority" : "high",
                  "max_attempts" : 3,
                  "files" : [ { "sha256" : "%s", "url" : "https://cdn.example/a.bin" } ]
                }""".formatted(SHA.toLowerCase()), "key-2");

        assertThat(compact.requestHash()).matches("[0-9a-f]{64}").isEqualTo(spaced.requestHash());
    }

    @Test
    void differentFileHasADifferentHash() {
        NewJob one = parse("""
                {"files": [{"url": "https://cdn.example/a.bin"}]}""", "key");
        NewJob other = parse("""
                {"files": [{"url": "https://cdn.example/b.bin"}]}""", "key");
        NewJob renamed = parse("""
                {"files": [{"url": "https://cdn.example/a.bin", "name": "b.bin"}]}""", "key");

        assertThat(one.requestHash()).isNotEqualTo(other.requestHash()).isNotEqualTo(renamed.requestHash());
    }

    @Test
    void hashesOnlyWhenAnIdempotencyKeyIsGiven() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a.bin"}]}""");

        assertThat(job.idempotencyKey()).isNull();
        assertThat(job.requestHash()).isNull();
    }

    @Test
    void reportsEveryErrorInOneInvalidRequest() {
        InvalidRequest invalid = catchThrowableOfType(InvalidRequest.class, () -> parse("""
                {"files": [{"url": "ftp://cdn.example/a.bin"},
                           {"url": "https://cdn.example/b.bin", "sha256": "xyz", "size": 3}],
                 "priority": "urgent",
                 "max_attempts": 99,
                 "colour": "red"}""", "bad key"));

        assertThat(invalid).isNotNull();
        assertThat(invalid.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "Idempotency-Key", "colour", "files[0].url", "files[1].size", "files[1].sha256", "priority",
                "max_attempts");
    }

    @Test
    void defaultsPriorityAndMaxAttempts() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a.bin"}]}""");
        NewJob withConfiguredDefault = parser(new JobProperties(null, 5, null)).parse(bytes("""
                {"files": [{"url": "https://cdn.example/a.bin"}]}"""), null);

        assertThat(job.priority()).isEqualTo(Priority.NORMAL);
        assertThat(job.maxAttempts()).isEqualTo(3);
        assertThat(withConfiguredDefault.maxAttempts()).isEqualTo(5);
    }

    @Test
    void takesPriorityAndMaxAttemptsWhenGiven() {
        NewJob job = parse("""
                {"files": [{"url": "https://cdn.example/a.bin"}], "priority": "low", "max_attempts": 7}""");

        assertThat(job.priority()).isEqualTo(Priority.LOW);
        assertThat(job.maxAttempts()).isEqualTo(7);
    }

    @Test
    void fileIdsWithoutAConfiguredOriginAreRefusedNamingTheSetting() {
        JobRequestParser noOrigin = new JobRequestParser(JsonMapper.builder().build(), new ApiProperties(null, null),
                new OriginProperties(null), new JobProperties(null, null, null));

        assertThatThrownBy(() -> noOrigin.parse(bytes("{\"file_ids\": [70000]}"), null))
                .isInstanceOfSatisfying(InvalidRequest.class, e -> assertThat(e.errors())
                        .singleElement()
                        .satisfies(error -> {
                            assertThat(error.field()).isEqualTo("file_ids");
                            assertThat(error.reason()).contains("ferry.origin.url-template");
                        }));
    }

    private NewJob parse(String body) {
        return parse(body, null);
    }

    private NewJob parse(String body, String idempotencyKey) {
        return parser.parse(bytes(body), idempotencyKey);
    }

    private static JobRequestParser parser(JobProperties jobs) {
        return new JobRequestParser(JsonMapper.builder().build(),
                new ApiProperties(null, null), new OriginProperties("http://origin/files/{id}"), jobs);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
