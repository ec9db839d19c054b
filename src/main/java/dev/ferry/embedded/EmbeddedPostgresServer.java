package dev.ferry.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Real PostgreSQL binaries run from a data directory kept on disk, so a restart loses nothing.
 *
 * <p>One server per data directory per JVM, shared and reference-counted ({@link SharedServers}).
 */
final class EmbeddedPostgresServer {

    private static final SharedServers<EmbeddedPostgresServer> SHARED =
            new SharedServers<>(EmbeddedPostgresServer::close);

    private final Path dataDirectory;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer acquire(Path dataDirectory) {
        return SHARED.acquire(dataDirectory, dir -> new EmbeddedPostgresServer(dir, start(dir)));
    }

    static void release(Path dataDirectory) {
        SHARED.release(dataDirectory);
    }

    static boolean isRunning(Path dataDirectory) {
        return SHARED.isRunning(dataDirectory);
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
