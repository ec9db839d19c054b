package dev.ferry.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once before any test of the JVM: a fresh data directory under {@code target/test-data} (so every run starts
 * from an empty database and bucket) and the shared origin server, both handed to Spring as system properties.
 */
public final class TestSession implements LauncherSessionListener {

    private static OriginServer origin;
    private static Path root;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    public static synchronized OriginServer origin() {
        start();
        return origin;
    }

    /** A directory of its own under this run's data root. */
    public static synchronized Path dataDir(String name) {
        start();
        return root.resolve(name);
    }

    private static void start() {
        if (origin != null) {
            return;
        }
        root = Path.of("target", "test-data").toAbsolutePath();
        deleteTree(root);
        origin = new OriginServer();
        System.setProperty("ferry.test.root", root.toString());
        System.setProperty("ferry.test.origin", origin.baseUrl());
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
