package dev.ferry.job;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/** Creates, reads, lists and deletes jobs: what the API does with them. */
@Service
public final class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);

    private final JobRepository jobs;
    private final JobStorage storage;
    private final JobProperties properties;
    private final ApplicationEventPublisher events;
    private final Mono<QueueStats> recentStats;

    JobService(JobRepository jobs, JobStorage storage, JobProperties properties, ApplicationEventPublisher events) {
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.events = Objects.requireNonNull(events, "events");
        // One stats query a second at most, however many jobs are posted.
        this.recentStats = jobs.queueStats().cache(s -> Duration.ofSeconds(1), e -> Duration.ZERO, () -> Duration.ZERO);
    }

    public JobProperties properties() {
        return properties;
    }

    /** Stores the job (or finds the one stored under the same Idempotency-Key) and estimates how long it will take. */
    public Mono<Created> create(NewJob job) {
        return jobs.insert(job).flatMap(created -> recentStats
                .map(stats -> new Created(created.job(), created.replayed(), stats.estimate())));
    }

    public Mono<Job> find(UUID id) {
        return jobs.find(id).switchIfEmpty(Mono.error(() -> new JobNotFound(id)));
    }

    public Flux<JobFile> files(UUID id) {
        return jobs.files(id);
    }

    public Flux<JobEvent> events(UUID id) {
        return jobs.events(id);
    }

    /** A page of jobs, newest first; {@code cursor} is the previous page's {@code nextCursor} or null. */
    public Mono<JobPage> list(JobStatus status, int limit, String cursor) {
        ListCursor after = cursor == null ? null : ListCursor.decode(cursor);
        // One row more than asked tells whether a next page exists, so the last page carries no cursor.
        return jobs.newest(status, after, limit + 1).collectList().map(rows -> {
            if (rows.size() <= limit) {
                return new JobPage(rows, null);
            }
            List<Job> page = rows.subList(0, limit);
            Job last = page.get(limit - 1);
            return new JobPage(List.copyOf(page), new ListCursor(last.createdAt(), last.id()).encode());
        });
    }

    /** A presigned URL for a stored file, or null while it is not stored. Made when read; nothing is kept. */
    public String downloadUrl(JobFile file) {
        if (file.status() != FileStatus.DONE || file.storageKey() == null) {
            return null;
        }
        return storage.presignDownload(file.storageKey(), file.name(), properties.downloadUrlExpiry());
    }

    /**
     * Removes the job: its row goes first (so any worker's next fenced write fails and it stops), a worker in this
     * node is told at once, then its stored objects and open uploads are removed.
     */
    public Mono<Void> delete(UUID id) {
        return jobs.delete(id)
                .switchIfEmpty(Mono.error(() -> new JobNotFound(id)))
                .flatMap(leftovers -> {
                    events.publishEvent(new JobDeleted(id));
                    return discard(id, leftovers);
                });
    }

    private Mono<Void> discard(UUID id, List<JobStorage.StoredPart> leftovers) {
        if (leftovers.isEmpty()) {
            return Mono.empty();
        }
        return storage.discard(leftovers)
                .retryWhen(Retry.backoff(3, Duration.ofMillis(200)))
                .doOnError(e -> log.warn("job {} deleted but {} stored object(s) could not be removed: {}",
                        id, leftovers.size(), e.toString()))
                .onErrorResume(e -> Mono.empty());
    }
}
