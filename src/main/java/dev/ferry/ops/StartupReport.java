package dev.ferry.ops;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says in one line, once ready, which database and which storage this node uses. */
@Component
final class StartupReport {

    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Environment env;

    StartupReport(Environment env) {
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void report() {
        log.info(line(env));
    }

    static String line(Environment env) {
        String postgresDir = env.getProperty("ferry.embedded.postgres-dir");
        String s3Dir = env.getProperty("ferry.embedded.s3-dir");
        String database = postgresDir != null
                ? "embedded PostgreSQL (" + strip(env.getProperty("spring.r2dbc.url")) + ", data in " + postgresDir + ")"
                : "PostgreSQL at " + strip(env.getProperty("spring.r2dbc.url"));
        String endpoint = env.getProperty("ferry.storage.endpoint");
        String bucket = env.getProperty("ferry.storage.bucket", "ferry");
        String storage = s3Dir != null
                ? "embedded S3 at " + endpoint + " bucket " + bucket + " (data in " + s3Dir + ")"
                : "S3 at " + endpoint + " bucket " + bucket;
        return "Ferry ready: database " + database + "; storage " + storage;
    }

    /** Drops any query string, where drivers accept passwords. */
    private static String strip(String url) {
        if (url == null) {
            return "(not configured)";
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
