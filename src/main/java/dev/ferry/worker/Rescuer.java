package dev.ferry.worker;

import dev.ferry.job.JobLeases;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Returns jobs whose lease expired (their node died, stalled or lost the database) to the queue. Every worker node runs
 * one; SKIP LOCKED keeps them from stepping on each other.
 */
@Component
@ConditionalOnProperty(name = "ferry.worker.enabled", havingValue = "true", matchIfMissing = true)
final class Rescuer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Rescuer.class);

    private final JobLeases jobs;
    private final Dispatcher dispatcher;
    private final WorkerProperties properties;
    private volatile Disposable loop;

    Rescuer(JobLeases jobs, Dispatcher dispatcher, WorkerProperties properties) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    @Override
    public void start() {
        loop = Flux.interval(properties.rescueInterval())
                .onBackpressureDrop()
                .concatMap(tick -> jobs.rescueExpired().collectList().onErrorResume(e -> {
                    log.warn("rescue failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe(rescued -> {
                    if (!rescued.isEmpty()) {
                        log.warn("rescued {} job(s) whose lease expired: {}", rescued.size(), rescued);
                        dispatcher.wake();
                    }
                });
    }

    @Override
    public void stop() {
        Disposable current = loop;
        if (current != null) {
            current.dispose();
        }
        loop = null;
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
