package dev.ferry.embedded;

import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Releases this context's hold on the embedded servers when the context is closed: at destruction, after every
 * lifecycle bean (the worker handing its jobs back, the web server draining) has stopped while the database was still
 * there. Not a {@code Lifecycle}: a context may be stopped and started again (Spring's test framework pauses cached
 * contexts), and the servers must outlive that. The servers stop when the last context in the JVM lets go of them.
 */
@Component
final class EmbeddedLifecycle implements DisposableBean {

    private final Map<String, Object> held = new HashMap<>();

    EmbeddedLifecycle(Environment env) {
        for (String key : new String[] {EmbeddedInfrastructure.POSTGRES_DIR, EmbeddedInfrastructure.S3_DIR}) {
            String value = env.getProperty(key);
            if (value != null) {
                held.put(key, value);
            }
        }
    }

    @Override
    public synchronized void destroy() {
        EmbeddedInfrastructure.releaseFor(held);
        held.clear();
    }
}
