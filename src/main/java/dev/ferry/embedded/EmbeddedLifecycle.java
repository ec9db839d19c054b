package dev.ferry.embedded;

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

    private final String hold;

    EmbeddedLifecycle(Environment env) {
        this.hold = env.getProperty(EmbeddedInfrastructure.HOLD);
    }

    @Override
    public void destroy() {
        EmbeddedInfrastructure.release(hold);
    }
}
