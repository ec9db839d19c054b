package dev.ferry.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.support.Content;
import dev.ferry.support.FerryIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Jobs from POST to their outcome: real origin, real PostgreSQL, real S3 server. */
class TransferIntegrationTest extends FerryIntegrationTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void fileLargerThanThreePartsGoesFromPostToCompletedAndItsPresignedUrlReturnsTheExactBytes() throws Exception {
        long size = 17 * MIB + 12345;
        String url = origin().url(size, 101, "");
        String id = createJob(filesJob(url));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(1);
        assertThat(job.get("progress").doubleValue()).isEqualTo(1.0);
        assertThat(job.get("bytes_done").longValue()).isEqualTo(size);
        assertThat(job.get("bytes_total").longValue()).isEqualTo(size);
        JsonNode file = job.get("files").get(0);
        assertThat(file.get("status").stringValue()).isEqualTo("done");
        assertThat(file.get("sha256").stringValue()).isEqualTo(Content.sha256(101, size));
        assertThat(job.get("download_url").stringValue()).isEqualTo(file.get("download_url").stringValue());

        Download download = download(job.get("download_url").stringValue());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.length()).isEqualTo(size);
        assertThat(download.sha256()).isEqualTo(Content.sha256(101, size));
        assertThat(openUploads("jobs/" + id + "/")).isEmpty();
    }

    @Test
    void fileLargerThanTheWholeHeapStreamsThroughInBoundedMemory() {
        long size = Runtime.getRuntime().maxMemory() + 128 * MIB;
        String id = createJob(filesJob(origin().url(size, 104, "")));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("bytes_done").longValue()).isEqualTo(size);
        assertThat(job.get("files").get(0).get("sha256").stringValue()).isEqualTo(Content.sha256(104, size));
        // Give the disk back: this object is the size of the test heap plus 128 MiB.
        api().delete().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isNoContent();
        assertThat(objectKeys("jobs/" + id + "/")).isEmpty();
    }

    @Test
    void sourceWithoutContentLengthIsStreamedInPartsAndStoredWhole() throws Exception {
        long size = 11 * MIB + 7;
        String id = createJob(filesJob(origin().url(size, 102, "chunked=true")));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        Download download = download(job.get("download_url").stringValue());
        assertThat(download.sha256()).isEqualTo(Content.sha256(102, size));
    }

    @Test
    void tamperedPresignedUrlIsRefusedByStorage() throws Exception {
        String id = createJob(filesJob(origin().url(1000, 103, "")));
        String url = awaitTerminal(id).get("download_url").stringValue();

        assertThat(url).contains("X-Amz-Expires=3600");
        assertThat(download(url).status()).isEqualTo(200);
        assertThat(download(url.replace("X-Amz-Signature=", "X-Amz-Signature=0")).status()).isEqualTo(403);
    }

    @Test
    void threeFileJobWithOneMissingSourceCompletesWithThatFileFailed() {
        String id = createJob(filesJob(origin().url(2000, 111, ""), origin().url(10, 112, "status=404"),
                origin().url(6 * MIB, 113, "")));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("files_processed").intValue()).isEqualTo(3);
        assertThat(job.get("attempts").intValue()).isEqualTo(1);
        assertThat(job.get("download_url").isNull()).isTrue();
        JsonNode files = job.get("files");
        assertThat(files.get(0).get("status").stringValue()).isEqualTo("done");
        assertThat(files.get(1).get("status").stringValue()).isEqualTo("failed");
        assertThat(files.get(1).get("error").stringValue()).contains("404");
        assertThat(files.get(1).get("download_url").isNull()).isTrue();
        assertThat(files.get(2).get("status").stringValue()).isEqualTo("done");
        assertThat(files.get(2).get("download_url").stringValue()).startsWith("http");
        assertThat(job.get("error").stringValue()).contains("1 of 3 files failed").contains("404");
    }

    @Test
    void jobWhoseOnlyFileIsMissingFails() {
        String id = createJob(filesJob(origin().url(10, 114, "status=410")));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("failed");
        assertThat(job.get("attempts").intValue()).isEqualTo(1);
        assertThat(job.get("finished_at").isNull()).isFalse();
    }

    @Test
    void originAnswering503TwiceThen200EndsCompletedWithAttemptsRecorded() throws Exception {
        String url = origin().url(3000, 121, "fail=503x2");
        String id = createJob(filesJob(url));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(3);
        assertThat(job.get("error").isNull()).isTrue();
        assertThat(origin().hits(url)).isEqualTo(3);
        assertThat(events(id)).filteredOn(e -> e.startsWith("retrying")).hasSize(2)
                .allMatch(e -> e.contains("503"));
        assertThat(download(job.get("download_url").stringValue()).sha256()).isEqualTo(Content.sha256(121, 3000));
    }

    @Test
    void transientFailuresOutlastingMaxAttemptsFailTheJob() {
        String url = origin().url(3000, 122, "fail=500x9");
        String id = createJob("{\"files\":[{\"url\":\"" + url + "\"}],\"max_attempts\":2}");

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("failed");
        assertThat(job.get("attempts").intValue()).isEqualTo(2);
        assertThat(job.get("error").stringValue()).contains("500").contains("after 2 attempts");
        assertThat(job.get("files").get(0).get("status").stringValue()).isEqualTo("failed");
        assertThat(origin().hits(url)).isEqualTo(2);
    }

    @Test
    void connectionCutMidBodyIsRetriedAndTheFileStoredWhole() throws Exception {
        long size = 7 * MIB;
        String url = origin().url(size, 131, "cut=" + (2 * MIB));
        String id = createJob(filesJob(url));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(2);
        assertThat(download(job.get("download_url").stringValue()).sha256()).isEqualTo(Content.sha256(131, size));
        assertThat(openUploads("jobs/" + id + "/")).isEmpty();
    }

    @Test
    void stalledSourceTimesOutAndIsRetried() throws Exception {
        String url = origin().url(300_000, 132, "stall=8000");
        String id = createJob(filesJob(url));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(2);
        assertThat(events(id)).anyMatch(e -> e.startsWith("retrying") && e.contains("stalled"));
        assertThat(download(job.get("download_url").stringValue()).sha256()).isEqualTo(Content.sha256(132, 300_000));
    }

    @Test
    void jobRunningLongerThanItsLeaseIsKeptByHeartbeats() {
        long size = 8 * MIB;
        String id = createJob(filesJob(origin().url(size, 133, "slow=90")));

        JsonNode job = awaitTerminal(id);

        assertThat(Duration.between(Instant.parse(job.get("created_at").stringValue()),
                Instant.parse(job.get("finished_at").stringValue()))).isGreaterThan(Duration.ofSeconds(10));
        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(1);
        assertThat(events(id)).noneMatch(e -> e.contains("lease expired"));
    }

    @Test
    void checksumMismatchFailsTheFileAtOnceAndStoresNothing() {
        String wrong = "0".repeat(64);
        String id = createJob("{\"files\":[{\"url\":\"" + origin().url(6 * MIB, 141, "") + "\",\"sha256\":\"" + wrong
                + "\"},{\"url\":\"" + origin().url(500, 142, "") + "\",\"sha256\":\"" + Content.sha256(142, 500)
                + "\"}]}");

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(1);
        JsonNode mismatched = job.get("files").get(0);
        assertThat(mismatched.get("status").stringValue()).isEqualTo("failed");
        assertThat(mismatched.get("error").stringValue()).contains("SHA-256 mismatch");
        assertThat(job.get("files").get(1).get("status").stringValue()).isEqualTo("done");
        assertThat(objectKeys("jobs/" + id + "/0/")).isEmpty();
        assertThat(openUploads("jobs/" + id + "/")).isEmpty();
    }

    @Test
    void sourceAnnouncingMoreThanTenThousandPartsFailsAtOnce() {
        long tooLarge = 10_000L * 5 * MIB + 1;
        String url = origin().url(10, 143, "announce=" + tooLarge);
        String id = createJob(filesJob(url));

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("failed");
        assertThat(job.get("attempts").intValue()).isEqualTo(1);
        assertThat(job.get("files").get(0).get("error").stringValue()).contains("10,000 parts");
        assertThat(origin().hits(url)).isEqualTo(1);
    }

    @Test
    void fileIdsResolveThroughTheConfiguredOrigin() throws Exception {
        String id = createJob("{\"file_ids\": [70000, 70001]}");

        JsonNode job = awaitTerminal(id);

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("files").get(0).get("name").stringValue()).isEqualTo("70000");
        Download second = download(job.get("files").get(1).get("download_url").stringValue());
        assertThat(second.length()).isEqualTo(71001);
        assertThat(second.sha256()).isEqualTo(Content.sha256(70001, 71001));
    }

    @Test
    void deleteDuringTransferLeavesNoObjectAndNoOpenUpload() {
        String url = origin().url(40 * MIB, 151, "slow=20");
        String id = createJob(filesJob(url, origin().url(100, 152, "")));
        String prefix = "jobs/" + id + "/";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(openUploads(prefix)).isNotEmpty());

        api().delete().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isNoContent();

        api().get().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isNotFound();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(openUploads(prefix)).isEmpty();
            assertThat(objectKeys(prefix)).isEmpty();
        });
        assertThat(events(id)).isEmpty();
    }

    @Test
    void deletingACompletedJobRemovesItsObjects() {
        String id = createJob(filesJob(origin().url(100, 161, ""), origin().url(6 * MIB, 162, "")));
        awaitTerminal(id);
        assertThat(objectKeys("jobs/" + id + "/")).hasSize(2);

        api().delete().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isNoContent();

        assertThat(objectKeys("jobs/" + id + "/")).isEmpty();
        api().delete().uri("/v1/download/jobs/{id}", id).exchange().expectStatus().isNotFound();
    }
}
