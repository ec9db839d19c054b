package dev.ferry.embedded;

import java.util.HashMap;
import java.util.Map;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Releases this context's hold on the embedded servers when it stops, after everything else that uses them
 * (lowest phase stops last). The servers stop when the last context in the JVM lets go of them.
 */
@Component
final class EmbeddedLifecycle implements SmartLifecycle {

    private final Map<String, Object> held = new HashMap<>();
    private volatile boolean running;

    EmbeddedLifecycle(Environment env) {
        for (String key : new String[] {EmbeddedInfrastructure.POSTGRES_DIR, EmbeddedInfrastructure.S3_DIR}) {
            String value = env.getProperty(key);
            if (value != null) {
                held.put(key, value);
            }
        }
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        if (running) {
            running = false;
            EmbeddedInfrastructure.releaseFor(held);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }
}
