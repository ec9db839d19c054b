package dev.ferry.worker;

import static dev.ferry.support.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.support.Content;
import dev.ferry.support.FerryIntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A node dies holding a job: the job must come back and finish elsewhere. */
class RescueIntegrationTest extends FerryIntegrationTest {

    @Test
    void jobWhoseLeaseExpiredWithoutHeartbeatIsRescuedAndCompletedByAnotherDispatcher() throws Exception {
        UUID id = aJob().withFile(origin().url(4000, 301, "")).heldBy("ghost-node").leaseExpired().insert(db);

        JsonNode job = awaitTerminal(id.toString());

        assertThat(job.get("status").stringValue()).isEqualTo("completed");
        assertThat(job.get("attempts").intValue()).isEqualTo(2);
        assertThat(events(id.toString())).containsSubsequence("processing: test fixture", "retrying: lease expired")
                .anyMatch(e -> e.startsWith("processing: claimed by") && !e.contains("ghost-node"));
        assertThat(download(job.get("download_url").stringValue()).sha256()).isEqualTo(Content.sha256(301, 4000));
    }

    @Test
    void expiredLeaseWithNoAttemptsLeftFailsTheJob() {
        UUID id = aJob().withFile(origin().url(10, 302, "")).heldBy("ghost-node").leaseExpired().maxAttempts(1)
                .insert(db);

        JsonNode job = awaitTerminal(id.toString());

        assertThat(job.get("status").stringValue()).isEqualTo("failed");
        assertThat(job.get("error").stringValue()).contains("lease expired");
        assertThat(job.get("files").get(0).get("status").stringValue()).isEqualTo("failed");
        assertThat(job.get("files_processed").intValue()).isEqualTo(1);
    }
}
