package dev.ferry.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Real PostgreSQL binaries run from a data directory kept on disk, so a restart loses nothing.
 *
 * <p>One server per data directory per JVM, reference-counted: several application contexts in one JVM (tests) share
 * it, and the last one to close stops it, so a following context starts it again from the same files.
 */
final class EmbeddedPostgresServer {

    private static final Map<Path, EmbeddedPostgresServer> RUNNING = new HashMap<>();

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;
    private int users;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    static synchronized EmbeddedPostgresServer acquire(Path dataDirectory) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = RUNNING.get(key);
        if (server == null) {
            server = new EmbeddedPostgresServer(key, start(key));
            RUNNING.put(key, server);
        }
        server.users++;
        return server;
    }

    static synchronized void release(Path dataDirectory) {
        Path key = dataDirectory.toAbsolutePath().normalize();
        EmbeddedPostgresServer server = RUNNING.get(key);
        if (server != null && --server.users <= 0) {
            RUNNING.remove(key);
            server.close();
        }
    }

    static synchronized boolean isRunning(Path dataDirectory) {
        return RUNNING.containsKey(dataDirectory.toAbsolutePath().normalize());
    }

    private static EmbeddedPostgres start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory);
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    // Stopped when the last context lets go of it, after the worker handed its jobs back; a JVM hook of
                    // its own would race Spring's shutdown and pull the database from under it.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("max_connections", "100")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    int port() {
        return postgres.getPort();
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    private void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop embedded PostgreSQL in " + dataDirectory, e);
        }
    }
}
