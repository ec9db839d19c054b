package dev.ferry.embedded;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides, before any bean exists, which database and which storage Ferry uses.
 *
 * <ul>
 *   <li>{@code ferry.database.url} set (a {@code jdbc:postgresql://} or {@code postgresql://} URL): that database,
 *       over R2DBC for every query and JDBC for the migrations at start-up.
 *   <li>{@code spring.r2dbc.url} set: taken as is (then {@code spring.flyway.url} must be set too).
 *   <li>neither: an embedded PostgreSQL whose data lives in {@code <ferry.embedded.data-dir>/postgres}.
 *   <li>{@code ferry.storage.endpoint} set: that S3-compatible endpoint; otherwise an in-process s3proxy over
 *       {@code <ferry.embedded.data-dir>/s3}.
 * </ul>
 *
 * Runs after the configuration files are read, so every way of setting a property (file, environment, command line)
 * counts.
 */
public final class EmbeddedInfrastructure implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE_NAME = "ferryInfrastructure";
    static final String POSTGRES_DIR = "ferry.embedded.postgres-dir";
    static final String S3_DIR = "ferry.embedded.s3-dir";
    static final String HOLD = "ferry.embedded.hold";

    /** What each start acquired, by hold ID, until it is released: once, whichever way the context ends. */
    private static final Map<String, Map<String, Object>> HOLDS = new ConcurrentHashMap<>();

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Map<String, Object> derived = new LinkedHashMap<>();
        Path dataDir = Path.of(env.getProperty("ferry.embedded.data-dir", "./ferry-data"));
        configureDatabase(env, dataDir, derived);
        configureStorage(env, dataDir, derived);
        if (derived.containsKey(POSTGRES_DIR) || derived.containsKey(S3_DIR)) {
            String hold = UUID.randomUUID().toString();
            HOLDS.put(hold, Map.copyOf(derived));
            derived.put(HOLD, hold);
            // A context that fails to start may never create the bean that releases its hold; let go of the servers
            // here too, or their non-daemon threads would keep the failed process alive.
            application.addListeners(new ReleaseOnFailure(hold));
        }
        if (!derived.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource(SOURCE_NAME, derived));
        }
    }

    /**
     * Lets go of the servers a start acquired. Idempotent: the failure listener and the context's destruction may
     * both call it, and a second release must not take a server from under another context sharing it.
     */
    static void release(String hold) {
        Map<String, Object> acquired = hold == null ? null : HOLDS.remove(hold);
        if (acquired != null) {
            releaseFor(acquired);
        }
    }

    private static void releaseFor(Map<String, Object> derived) {
        Object s3 = derived.get(S3_DIR);
        if (s3 != null) {
            EmbeddedS3Server.release(Path.of(s3.toString()));
        }
        Object postgres = derived.get(POSTGRES_DIR);
        if (postgres != null) {
            EmbeddedPostgresServer.release(Path.of(postgres.toString()));
        }
    }

    private static void configureDatabase(ConfigurableEnvironment env, Path dataDir, Map<String, Object> derived) {
        String url = env.getProperty("ferry.database.url");
        if (StringUtils.hasText(url)) {
            String location = DatabaseUrl.location(url);
            String user = env.getProperty("ferry.database.username", "");
            String password = env.getProperty("ferry.database.password", "");
            derived.put("spring.r2dbc.url", "r2dbc:" + location);
            derived.put("spring.r2dbc.username", user);
            derived.put("spring.r2dbc.password", password);
            derived.put("spring.flyway.url", "jdbc:" + location);
            derived.put("spring.flyway.user", user);
            derived.put("spring.flyway.password", password);
            return;
        }
        if (StringUtils.hasText(env.getProperty("spring.r2dbc.url"))) {
            return;
        }
        Path dir = dataDir.resolve("postgres");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.acquire(dir);
        String location = "postgresql://localhost:" + server.port() + "/postgres";
        derived.put("spring.r2dbc.url", "r2dbc:" + location);
        derived.put("spring.r2dbc.username", "postgres");
        derived.put("spring.r2dbc.password", "postgres");
        derived.put("spring.flyway.url", "jdbc:" + location);
        derived.put("spring.flyway.user", "postgres");
        derived.put("spring.flyway.password", "postgres");
        derived.put(POSTGRES_DIR, server.dataDirectory().toString());
    }

    private static void configureStorage(ConfigurableEnvironment env, Path dataDir, Map<String, Object> derived) {
        if (StringUtils.hasText(env.getProperty("ferry.storage.endpoint"))) {
            return;
        }
        Path dir = dataDir.resolve("s3").toAbsolutePath().normalize();
        String host = env.getProperty("ferry.embedded.s3-host", "127.0.0.1");
        int port = env.getProperty("ferry.embedded.s3-port", Integer.class, 0);
        String bucket = env.getProperty("ferry.storage.bucket", "ferry");
        EmbeddedS3Server server = EmbeddedS3Server.acquire(dir, host, port, bucket);
        derived.put("ferry.storage.endpoint", "http://" + host + ":" + server.port());
        derived.put("ferry.storage.region", EmbeddedS3Server.REGION);
        derived.put("ferry.storage.bucket", bucket);
        derived.put("ferry.storage.access-key", EmbeddedS3Server.ACCESS_KEY);
        derived.put("ferry.storage.secret-key", EmbeddedS3Server.SECRET_KEY);
        derived.put(S3_DIR, dir.toString());
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Lets go of the servers this start acquired when the context fails to start. */
    private record ReleaseOnFailure(String hold) implements ApplicationListener<ApplicationFailedEvent> {
        @Override
        public void onApplicationEvent(ApplicationFailedEvent event) {
            release(hold);
        }
    }
}
