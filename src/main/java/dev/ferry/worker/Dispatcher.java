package dev.ferry.worker;

import dev.ferry.job.Job;
import dev.ferry.job.JobDeleted;
import dev.ferry.job.JobLeases;
import dev.ferry.job.JobStatus;
import dev.ferry.job.LeaseLost;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Fills this node's free slots with claimed jobs and keeps their leases alive.
 *
 * <p>Claims happen one at a time (a serial loop woken by NOTIFY, by a finished job, by a due retry, or by the slow
 * poll), each claiming at most the free slots, so the node never runs more than {@code concurrency} jobs. Heartbeats
 * extend all of the node's leases in one statement; a job whose lease is found lost is stopped at once.
 */
@Component
@ConditionalOnProperty(name = "ferry.worker.enabled", havingValue = "true", matchIfMissing = true)
public final class Dispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final JobLeases jobs;
    private final JobRunner runner;
    private final JobWakeups wakeups;
    private final WorkerProperties properties;
    private final Clock clock;
    private final Map<UUID, Disposable> running = new ConcurrentHashMap<>();
    private Sinks.Many<String> wakes = Sinks.many().unicast().onBackpressureBuffer();
    private volatile Disposable.Composite loops = Disposables.composite();
    private volatile boolean started;

    Dispatcher(JobLeases jobs, JobRunner runner, JobWakeups wakeups, WorkerProperties properties, Clock clock) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.wakeups = Objects.requireNonNull(wakeups, "wakeups");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the loops; after a {@link #stop()} it starts afresh (a stopped context may be started again). */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        wakes = Sinks.many().unicast().onBackpressureBuffer();
        loops = Disposables.composite();
        Flux<String> triggers = Flux.merge(
                wakes.asFlux(),
                wakeups.signals(),
                Flux.interval(Duration.ZERO, properties.pollInterval()).map(tick -> "poll"));
        loops.add(triggers.onBackpressureLatest()
                .concatMap(reason -> fill().onErrorResume(e -> {
                    log.warn("claim failed, trying again at the next wake-up: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe());
        loops.add(Flux.interval(properties.heartbeatInterval())
                .onBackpressureDrop()
                .concatMap(tick -> heartbeat().onErrorResume(e -> {
                    log.warn("heartbeat failed: {}", e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe());
        log.info("worker {} started: {} slots, lease {}", properties.nodeId(), properties.concurrency(),
                properties.lease());
    }

    /** Asks the loop to look for claimable jobs now. Synchronized: a sink takes one emitter at a time. */
    public synchronized void wake() {
        wakes.tryEmitNext("wake");
    }

    /** Jobs this node runs now. */
    public Set<UUID> running() {
        return Set.copyOf(running.keySet());
    }

    private Mono<Void> fill() {
        int free = properties.concurrency() - running.size();
        if (!started || free <= 0) {
            return Mono.empty();
        }
        return jobs.claim(properties.nodeId(), free, properties.lease()).doOnNext(this::launch).then();
    }

    private void launch(Job job) {
        Disposable.Swap execution = Disposables.swap();
        running.put(job.id(), execution);
        execution.update(runner.run(job)
                .doFinally(signal -> {
                    running.remove(job.id(), execution);
                    wake();
                })
                .subscribe(this::scheduleRetry, error -> {
                    if (error instanceof LeaseLost) {
                        log.info("stopped job {}: {}", job.id(), error.getMessage());
                    } else {
                        log.warn("job {} attempt {} broke off; its lease will expire and it will be rescued: {}",
                                job.id(), job.attempt(), error.toString());
                    }
                }));
    }

    private void scheduleRetry(Job finished) {
        if (finished.status() == JobStatus.RETRYING) {
            // Only when to look again: if this clock is off, the claim (timed by the database) just waits for the poll.
            Duration wait = Duration.between(clock.instant(), finished.nextAttemptAt());
            loops.add(Mono.delay(wait.isNegative() ? Duration.ZERO : wait).subscribe(t -> wake()));
        }
    }

    private Mono<Void> heartbeat() {
        List<UUID> held = new ArrayList<>(running.keySet());
        if (held.isEmpty()) {
            return Mono.empty();
        }
        return jobs.heartbeat(properties.nodeId(), held, properties.lease()).collectList().doOnNext(kept -> {
            Set<UUID> lost = new HashSet<>(held);
            kept.forEach(lost::remove);
            lost.forEach(id -> stop(id, "its lease is lost"));
        }).then();
    }

    @EventListener
    void onJobDeleted(JobDeleted deleted) {
        stop(deleted.jobId(), "it was deleted");
    }

    private void stop(UUID jobId, String why) {
        Disposable execution = running.remove(jobId);
        if (execution != null) {
            log.info("stopping job {}: {}", jobId, why);
            execution.dispose();
        }
    }

    @Override
    public synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        loops.dispose();
        running.values().forEach(Disposable::dispose);
        running.clear();
        try {
            Long released = jobs.releaseAll(properties.nodeId()).block(Duration.ofSeconds(10));
            if (released != null && released > 0) {
                log.info("worker {} stopped; handed back {} job(s)", properties.nodeId(), released);
            }
        } catch (RuntimeException e) {
            log.warn("worker {} stopped without handing back its jobs; their leases will expire: {}",
                    properties.nodeId(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
