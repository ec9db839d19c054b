package dev.ferry.embedded;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Embedded servers shared per data directory within one JVM, reference-counted: several application contexts
 * (tests) share one, and the last to let go stops it, so a following context starts it again from the same files.
 */
final class SharedServers<S> {

    private final Map<Path, Held<S>> running = new HashMap<>();
    private final Consumer<S> stop;

    SharedServers(Consumer<S> stop) {
        this.stop = stop;
    }

    /** The server over {@code directory}, started by {@code start} if none runs yet. */
    synchronized S acquire(Path directory, Function<Path, S> start) {
        Held<S> held = running.computeIfAbsent(key(directory), dir -> new Held<>(start.apply(dir)));
        held.users++;
        return held.server;
    }

    /** Lets go of the server over {@code directory}; the last user's release stops it. */
    synchronized void release(Path directory) {
        Path dir = key(directory);
        Held<S> held = running.get(dir);
        if (held != null && --held.users <= 0) {
            running.remove(dir);
            stop.accept(held.server);
        }
    }

    synchronized boolean isRunning(Path directory) {
        return running.containsKey(key(directory));
    }

    private static Path key(Path directory) {
        return directory.toAbsolutePath().normalize();
    }

    private static final class Held<S> {
        private final S server;
        private int users;

        Held(S server) {
            this.server = server;
        }
    }
}
