package dev.ferry.job;

import static dev.ferry.job.JobRows.JOB_COLUMNS;
import static dev.ferry.job.JobRows.bindNullable;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of jobs as the API sees them: create (job, files and first event in one transaction), read, list, delete,
 * and the queue figures behind the duration estimate. The claim and lease protocol is in {@link JobLeases}.
 */
@Component
public final class JobRepository {

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    JobRepository(DatabaseClient db, TransactionalOperator tx) {
        this.db = Objects.requireNonNull(db, "db");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    /**
     * Inserts a job, its files and its first event in one transaction. With an Idempotency-Key already taken, returns
     * the existing job when the request matches and fails with {@link IdempotencyConflict} when it does not.
     */
    Mono<Created> insert(NewJob job) {
        GenericExecuteSpec insertJob = bindNullable(db.sql("insert into job (priority, max_attempts, total_files, "
                        + "callback_url, idempotency_key, request_hash) values (:priority, :maxAttempts, :totalFiles, "
                        + ":callbackUrl, :key, :hash) on conflict (idempotency_key) do nothing returning " + JOB_COLUMNS)
                .bind("priority", (short) job.priority().rank())
                .bind("maxAttempts", job.maxAttempts())
                .bind("totalFiles", job.files().size()), "callbackUrl", job.callbackUrl(), String.class);
        insertJob = bindNullable(insertJob, "key", job.idempotencyKey(), String.class);
        insertJob = bindNullable(insertJob, "hash", job.requestHash(), String.class);
        Mono<Created> fresh = insertJob.map(JobRows::job).one()
                .flatMap(inserted -> insertFiles(inserted.id(), job.files())
                        .then(appendEvent(inserted.id(), null, JobStatus.QUEUED, 0, "accepted"))
                        .thenReturn(new Created(inserted, false, null)));
        Mono<Created> existing = Mono.defer(() -> db.sql("select " + JOB_COLUMNS + ", request_hash from job "
                        + "where idempotency_key = :key")
                .bind("key", job.idempotencyKey())
                .map((row, meta) -> {
                    if (!Objects.equals(row.get("request_hash", String.class), job.requestHash())) {
                        throw new IdempotencyConflict(job.idempotencyKey());
                    }
                    return new Created(JobRows.job(row), true, null);
                })
                .one());
        return fresh.switchIfEmpty(existing).as(tx::transactional);
    }

    private Mono<Void> insertFiles(UUID jobId, List<NewFile> files) {
        String[] urls = new String[files.size()];
        String[] names = new String[files.size()];
        String[] digests = new String[files.size()];
        for (int i = 0; i < files.size(); i++) {
            urls[i] = files.get(i).url();
            names[i] = files.get(i).name();
            digests[i] = files.get(i).expectedSha256() == null ? "" : files.get(i).expectedSha256();
        }
        return db.sql("insert into job_file (job_id, idx, url, name, expected_sha256) "
                        + "select :jobId, (f.ord - 1)::int, f.url, f.name, nullif(f.digest, '') "
                        + "from unnest(:urls::text[], :names::text[], :digests::text[]) with ordinality "
                        + "as f(url, name, digest, ord)")
                .bind("jobId", jobId)
                .bind("urls", urls)
                .bind("names", names)
                .bind("digests", digests)
                .then();
    }

    public Mono<Job> find(UUID id) {
        return db.sql("select " + JOB_COLUMNS + " from job where id = :id")
                .bind("id", id)
                .map(JobRows::job)
                .one();
    }

    public Flux<JobFile> files(UUID jobId) {
        return db.sql("select " + JobRows.FILE_COLUMNS + " from job_file where job_id = :jobId order by idx")
                .bind("jobId", jobId)
                .map(JobRows::file)
                .all();
    }

    public Flux<JobEvent> events(UUID jobId) {
        return db.sql("select id, from_status, to_status, attempt, reason, at from job_event where job_id = :jobId "
                        + "order by id")
                .bind("jobId", jobId)
                .map((row, meta) -> new JobEvent(
                        row.get("id", Long.class),
                        JobRows.statusOrNull(row.get("from_status", String.class)),
                        JobStatus.fromWire(row.get("to_status", String.class)),
                        row.get("attempt", Integer.class),
                        row.get("reason", String.class),
                        JobRows.instant(row, "at")))
                .all();
    }

    /** Newest first, after the cursor's position when there is one. */
    Flux<Job> newest(JobStatus status, ListCursor after, int limit) {
        StringBuilder sql = new StringBuilder("select " + JOB_COLUMNS + " from job where true");
        if (status != null) {
            sql.append(" and status = :status");
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (:afterAt, :afterId)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        GenericExecuteSpec spec = db.sql(sql.toString()).bind("limit", limit);
        if (status != null) {
            spec = spec.bind("status", status.wire());
        }
        if (after != null) {
            spec = spec.bind("afterAt", OffsetDateTime.ofInstant(after.createdAt(), ZoneOffset.UTC))
                    .bind("afterId", after.id());
        }
        return spec.map(JobRows::job).all();
    }

    /**
     * Removes a job and everything under it, returning what it left in storage (objects and open uploads) so the
     * caller can remove those too. Empty when there was no such job.
     */
    Mono<List<JobStorage.StoredPart>> delete(UUID id) {
        return db.sql("with leftovers as (select storage_key, upload_id from job_file "
                        + "where job_id = :id and storage_key is not null), "
                        + "gone as (delete from job where id = :id returning id) "
                        + "select gone.id, leftovers.storage_key, leftovers.upload_id from gone "
                        + "left join leftovers on true")
                .bind("id", id)
                .map((row, meta) -> {
                    String key = row.get("storage_key", String.class);
                    return key == null ? List.<JobStorage.StoredPart>of()
                            : List.of(new JobStorage.StoredPart(key, row.get("upload_id", String.class)));
                })
                .all()
                .collectList()
                .flatMap(rows -> {
                    if (rows.isEmpty()) {
                        return Mono.empty();
                    }
                    List<JobStorage.StoredPart> parts = new ArrayList<>();
                    rows.forEach(parts::addAll);
                    return Mono.just(parts);
                });
    }

    Mono<QueueStats> queueStats() {
        return db.sql("select "
                        + "(select count(*) from job where status in ('queued', 'retrying')) as waiting, "
                        + "(select count(*) from job where status = 'processing') as running, "
                        + "(select avg(extract(epoch from r.finished_at - r.started_at) * 1000)::bigint from "
                        + "  (select finished_at, started_at from job where status = 'completed' "
                        + "   and finished_at > now() - interval '1 hour' and started_at is not null "
                        + "   order by finished_at desc limit 50) r) as average_ms")
                .map((row, meta) -> {
                    Long averageMs = row.get("average_ms", Long.class);
                    return new QueueStats(row.get("waiting", Long.class), row.get("running", Long.class),
                            averageMs == null ? null : Duration.ofMillis(averageMs));
                })
                .one();
    }

    private Mono<Void> appendEvent(UUID jobId, JobStatus from, JobStatus to, int attempt, String reason) {
        GenericExecuteSpec spec = db.sql("insert into job_event (job_id, from_status, to_status, attempt, reason) "
                        + "values (:jobId, :from, :to, :attempt, :reason)")
                .bind("jobId", jobId)
                .bind("to", to.wire())
                .bind("attempt", attempt)
                .bind("reason", reason);
        return bindNullable(spec, "from", from == null ? null : from.wire(), String.class).then();
    }
}
