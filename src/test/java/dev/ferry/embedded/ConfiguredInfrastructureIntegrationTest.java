package dev.ferry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ferry.support.FerryNode;
import dev.ferry.support.OriginServer;
import dev.ferry.support.TestSession;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * With a database URL and an S3 endpoint configured, Ferry uses them and starts nothing embedded; presigned URLs
 * carry the public endpoint. The "external" PostgreSQL and S3 here are those another Ferry started embedded.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfiguredInfrastructureIntegrationTest {

    @Test
    void usesTheConfiguredDatabaseAndStorageAndStartsNothingEmbedded(CapturedOutput output) throws Exception {
        OriginServer origin = TestSession.origin();
        Path providerDir = TestSession.dataDir("provider");
        Path nodeDir = TestSession.dataDir("configured-node");
        try (FerryNode provider = FerryNode.start(providerDir, "--ferry.worker.enabled=false")) {
            Environment infra = provider.environment();
            URI s3 = URI.create(infra.getProperty("ferry.storage.endpoint"));
            String publicEndpoint = "http://localhost:" + s3.getPort();
            try (FerryNode node = FerryNode.start(nodeDir,
                    "--ferry.database.url=" + infra.getProperty("spring.flyway.url"),
                    "--ferry.database.username=postgres",
                    "--ferry.database.password=postgres",
                    "--ferry.storage.endpoint=" + s3,
                    "--ferry.storage.public-endpoint=" + publicEndpoint,
                    "--ferry.storage.region=us-east-1",
                    "--ferry.storage.bucket=ferry",
                    "--ferry.storage.access-key=" + EmbeddedS3Server.ACCESS_KEY,
                    "--ferry.storage.secret-key=" + EmbeddedS3Server.SECRET_KEY)) {

                assertThat(EmbeddedPostgresServer.isRunning(nodeDir.resolve("postgres"))).isFalse();
                assertThat(Files.exists(nodeDir.resolve("s3"))).isFalse();
                assertThat(node.environment().getProperty(EmbeddedInfrastructure.POSTGRES_DIR)).isNull();
                assertThat(output.getOut()).contains("Ferry ready: database PostgreSQL at r2dbc:postgresql://")
                        .contains("storage S3 at " + s3 + " bucket ferry");

                String id = node.create(origin.url(2000, 501, ""));
                await().atMost(Duration.ofSeconds(30)).until(() -> node.status(id).equals("completed"));
                String url = node.job(id).get("download_url").stringValue();
                assertThat(url).startsWith(publicEndpoint + "/ferry/jobs/" + id + "/");
                WebTestClient storage = WebTestClient.bindToServer().baseUrl(publicEndpoint).build();
                byte[] body = storage.get().uri(URI.create(url)).exchange().expectStatus().isOk()
                        .expectBody().returnResult().getResponseBody();
                assertThat(body).hasSize(2000);
            }
        }
    }
}
