package dev.ferry.job;

import io.r2dbc.spi.Readable;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * All SQL for jobs. Every status change is one guarded statement that also appends its {@code job_event} row; every
 * worker write is fenced by {@link Lease} and fails with {@link LeaseLost} when it matches nothing.
 */
@Component
public final class JobRepository {

    private static final String JOB_COLUMNS = "id, status, priority, attempt, max_attempts, next_attempt_at, "
            + "lease_owner, total_files, files_done, files_failed, bytes_done, bytes_total, callback_url, error, "
            + "created_at, updated_at, finished_at";

    /** The fence every worker write carries; matches only while the claim is current. */
    private static final String FENCE =
            "id = :id and status = 'processing' and lease_owner = :owner and attempt = :attempt";

    private final DatabaseClient db;
    private final TransactionalOperator tx;

    JobRepository(DatabaseClient db, TransactionalOperator tx) {
        this.db = Objects.requireNonNull(db, "db");
        this.tx = Objects.requireNonNull(tx, "tx");
    }

    // ---- API side ------------------------------------------------------------------------------------------------

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
        Mono<Created> fresh = insertJob.map(JobRepository::job).one()
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
                    return new Created(job(row), true, null);
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
                .map(JobRepository::job)
                .one();
    }

    public Flux<JobFile> files(UUID jobId) {
        return db.sql("select idx, url, name, expected_sha256, status, bytes_done, bytes_total, sha256, storage_key, "
                        + "upload_id, error from job_file where job_id = :jobId order by idx")
                .bind("jobId", jobId)
                .map(JobRepository::file)
                .all();
    }

    public Flux<JobEvent> events(UUID jobId) {
        return db.sql("select id, from_status, to_status, attempt, reason, at from job_event where job_id = :jobId "
                        + "order by id")
                .bind("jobId", jobId)
                .map((row, meta) -> new JobEvent(
                        row.get("id", Long.class),
                        statusOrNull(row.get("from_status", String.class)),
                        JobStatus.fromWire(row.get("to_status", String.class)),
                        row.get("attempt", Integer.class),
                        row.get("reason", String.class),
                        instant(row, "at")))
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
        return spec.map(JobRepository::job).all();
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

    // ---- worker side ---------------------------------------------------------------------------------------------

    /**
     * Claims at most {@code slots} claimable jobs for {@code owner} in one statement: highest priority first, then the
     * longest waiting. Each claim starts a new attempt under a lease of {@code lease}.
     */
    public Flux<Job> claim(String owner, int slots, Duration lease) {
        if (slots <= 0) {
            return Flux.empty();
        }
        return db.sql("with picked as (select id, status as from_status from job "
                        + "  where status in ('queued', 'retrying') and next_attempt_at <= now() "
                        + "  order by priority, next_attempt_at, id limit :slots for update skip locked), "
                        + "claimed as (update job set status = 'processing', attempt = job.attempt + 1, "
                        + "  lease_owner = :owner, lease_expires_at = now() + :leaseMs * interval '1 millisecond', "
                        + "  started_at = coalesce(job.started_at, now()), updated_at = now() "
                        + "  from picked where job.id = picked.id returning job.*, picked.from_status), "
                        + "logged as (insert into job_event (job_id, from_status, to_status, attempt, reason) "
                        + "  select id, from_status, 'processing', attempt, 'claimed by ' || :owner from claimed) "
                        + "select " + JOB_COLUMNS + " from claimed order by priority, next_attempt_at, id")
                .bind("slots", slots)
                .bind("owner", owner)
                .bind("leaseMs", lease.toMillis())
                .map(JobRepository::job)
                .all();
    }

    /** Extends the leases {@code owner} still holds among {@code jobIds}; returns the IDs it still holds. */
    public Flux<UUID> heartbeat(String owner, List<UUID> jobIds, Duration lease) {
        if (jobIds.isEmpty()) {
            return Flux.empty();
        }
        return db.sql("update job set lease_expires_at = now() + :leaseMs * interval '1 millisecond' "
                        + "where id = any(:ids) and status = 'processing' and lease_owner = :owner returning id")
                .bind("ids", jobIds.toArray(UUID[]::new))
                .bind("owner", owner)
                .bind("leaseMs", lease.toMillis())
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    /**
     * Returns jobs whose lease expired (their worker died or stalled) to {@code retrying}, claimable at once. When
     * their attempts are spent, their unfinished files fail and the job ends as the worker's outcome rule would end
     * it: {@code completed} (naming the failure) when some file was stored, {@code failed} when none was. An upload
     * the dead worker left open stays recorded, for the delete to abort.
     */
    public Flux<UUID> rescueExpired() {
        return db.sql("with expired as (select id, attempt >= max_attempts as spent from job "
                        + "  where status = 'processing' and lease_expires_at < now() for update skip locked), "
                        + "given_up as (update job_file set status = 'failed', updated_at = now(), "
                        + "  error = coalesce(job_file.error, 'not transferred: lease expired and no attempts are left') "
                        + "  from expired where job_file.job_id = expired.id and expired.spent "
                        + "  and job_file.status in ('queued', 'transferring') returning job_file.job_id), "
                        + "rescued as (update job set "
                        + "  status = case when not expired.spent then 'retrying' "
                        + "    when job.files_done > 0 then 'completed' else 'failed' end, "
                        + "  files_failed = job.files_failed "
                        + "    + (select count(*) from given_up where given_up.job_id = job.id), "
                        + "  lease_owner = null, lease_expires_at = null, next_attempt_at = now(), updated_at = now(), "
                        + "  finished_at = case when expired.spent then now() end, "
                        + "  error = case when expired.spent then (select count(*) from given_up "
                        + "    where given_up.job_id = job.id) || ' of ' || job.total_files "
                        + "    || ' files not transferred: lease expired and no attempts are left' else job.error end "
                        + "  from expired where job.id = expired.id returning job.id, job.status, job.attempt), "
                        + "logged as (insert into job_event (job_id, from_status, to_status, attempt, reason) "
                        + "  select id, 'processing', status, attempt, 'lease expired' from rescued) "
                        + "select id from rescued")
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }

    /**
     * Hands back every job {@code owner} holds, on a graceful stop: claimable again at once, and the interrupted
     * attempt is not counted against the job.
     */
    public Mono<Long> releaseAll(String owner) {
        return db.sql("with released as (update job set status = 'retrying', attempt = attempt - 1, "
                        + "  lease_owner = null, lease_expires_at = null, next_attempt_at = now(), updated_at = now() "
                        + "  where status = 'processing' and lease_owner = :owner returning id, attempt), "
                        + "logged as (insert into job_event (job_id, from_status, to_status, attempt, reason) "
                        + "  select id, 'processing', 'retrying', attempt, 'released by ' || :owner || ' on shutdown' "
                        + "  from released) "
                        + "select count(*) as released from released")
                .bind("owner", owner)
                .map((row, meta) -> row.get("released", Long.class))
                .one();
    }

    /** A file's transfer begins: its counters restart, and its size (null when unknown) joins the job's total. */
    public Mono<Void> fileStarted(Lease lease, int index, Long size, String storageKey) {
        GenericExecuteSpec spec = db.sql("with old as (select bytes_done, bytes_total from job_file "
                        + "  where job_id = :id and idx = :idx), "
                        + "fenced as (update job set bytes_done = job.bytes_done - old.bytes_done, "
                        + "  bytes_total = job.bytes_total - coalesce(old.bytes_total, 0) + coalesce(:size, 0), "
                        + "  updated_at = now() from old where " + FENCE + " returning job.id) "
                        + "update job_file set status = 'transferring', bytes_done = 0, bytes_total = :size, "
                        + "  storage_key = :key, upload_id = null, error = null, updated_at = now() "
                        + "from fenced where job_file.job_id = fenced.id and job_file.idx = :idx returning job_file.idx")
                .bind("key", storageKey);
        return fenced(bindNullable(spec, "size", size, Long.class), lease, index);
    }

    /** Whether the claim is still current; asked right before a step that cannot be taken back. */
    public Mono<Void> checkHeld(Lease lease) {
        return db.sql("select id from job where " + FENCE)
                .bind("id", lease.jobId())
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .map((row, meta) -> row.get("id", UUID.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new LeaseLost(lease)))
                .then();
    }

    /** A multipart upload was opened for this file; recorded so that a delete from any node can abort it. */
    public Mono<Void> uploadOpened(Lease lease, int index, String uploadId) {
        return fileWrite(lease, index, "", "upload_id = :uploadId",
                spec -> spec.bind("uploadId", uploadId));
    }

    /** Another part of this file is stored. */
    public Mono<Void> partStored(Lease lease, int index, long bytes) {
        return fileWrite(lease, index, "bytes_done = job.bytes_done + :bytes", "bytes_done = job_file.bytes_done + :bytes",
                spec -> spec.bind("bytes", bytes));
    }

    /** The file is stored whole under its key with this digest and size. */
    public Mono<Void> fileDone(Lease lease, int index, String sha256, long size) {
        GenericExecuteSpec spec = db.sql("with old as (select bytes_done, bytes_total from job_file "
                        + "  where job_id = :id and idx = :idx), "
                        + "fenced as (update job set files_done = job.files_done + 1, "
                        + "  bytes_done = job.bytes_done - old.bytes_done + :size, "
                        + "  bytes_total = job.bytes_total - coalesce(old.bytes_total, 0) + :size, "
                        + "  updated_at = now() from old where " + FENCE + " returning job.id) "
                        + "update job_file set status = 'done', sha256 = :sha256, bytes_done = :size, "
                        + "  bytes_total = :size, upload_id = null, error = null, updated_at = now() "
                        + "from fenced where job_file.job_id = fenced.id and job_file.idx = :idx returning job_file.idx")
                .bind("sha256", sha256)
                .bind("size", size);
        return fenced(spec, lease, index);
    }

    /** The file failed transiently; it is queued again for the job's next attempt. */
    public Mono<Void> fileWillRetry(Lease lease, int index, String error) {
        return fileWrite(lease, index, "",
                "status = 'queued', upload_id = null, error = :error", spec -> spec.bind("error", error));
    }

    /** The file failed for good. */
    public Mono<Void> fileFailed(Lease lease, int index, String error) {
        return fileWrite(lease, index, "files_failed = job.files_failed + 1",
                "status = 'failed', upload_id = null, error = :error", spec -> spec.bind("error", error));
    }

    /**
     * Ends the attempt with its outcome, in one guarded statement. A terminal outcome also gives up on files still
     * queued (their transient failures outlived the attempts).
     */
    public Mono<Job> finish(Lease lease, Outcome outcome) {
        JobStatus target = JobStatus.PROCESSING.moveTo(outcome.status());
        boolean terminal = target.isTerminal();
        long delayMs = outcome instanceof Outcome.RetryAfter retry ? retry.delay().toMillis() : 0;
        String error = outcome.error();
        GenericExecuteSpec spec = db.sql("with held as (select id from job where " + FENCE + " for update), "
                        + "given_up as (update job_file set status = 'failed', "
                        + "  error = coalesce(job_file.error, 'not transferred'), upload_id = null, updated_at = now() "
                        + "  from held where job_file.job_id = held.id and :terminal "
                        + "  and job_file.status in ('queued', 'transferring') returning job_file.idx), "
                        + "finished as (update job set status = :status, "
                        + "  files_failed = job.files_failed + (select count(*) from given_up), "
                        + "  lease_owner = null, lease_expires_at = null, error = :error, updated_at = now(), "
                        + "  finished_at = case when :terminal then now() end, "
                        + "  next_attempt_at = case when :terminal then job.next_attempt_at "
                        + "    else now() + :delayMs * interval '1 millisecond' end "
                        + "  from held where job.id = held.id returning job.*), "
                        + "logged as (insert into job_event (job_id, from_status, to_status, attempt, reason) "
                        + "  select id, 'processing', status, attempt, :reason from finished) "
                        + "select " + JOB_COLUMNS + " from finished")
                .bind("id", lease.jobId())
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .bind("terminal", terminal)
                .bind("status", target.wire())
                .bind("delayMs", delayMs)
                .bind("reason", outcome.reason());
        return bindNullable(spec, "error", error, String.class)
                .map(JobRepository::job)
                .one()
                .switchIfEmpty(Mono.error(() -> new LeaseLost(lease)));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private Mono<Void> fileWrite(Lease lease, int index, String jobSet, String fileSet,
            UnaryOperator<GenericExecuteSpec> binder) {
        String jobChanges = jobSet.isEmpty() ? "" : ", " + jobSet;
        GenericExecuteSpec spec = db.sql("with fenced as (update job set updated_at = now()" + jobChanges + " "
                + "where " + FENCE + " returning job.id) "
                + "update job_file set " + fileSet + ", updated_at = now() from fenced "
                + "where job_file.job_id = fenced.id and job_file.idx = :idx returning job_file.idx");
        return fenced(binder.apply(spec), lease, index);
    }

    private static Mono<Void> fenced(GenericExecuteSpec spec, Lease lease, int index) {
        return spec.bind("id", lease.jobId())
                .bind("owner", lease.owner())
                .bind("attempt", lease.attempt())
                .bind("idx", index)
                .map((row, meta) -> row.get("idx", Integer.class))
                .one()
                .switchIfEmpty(Mono.error(() -> new LeaseLost(lease)))
                .then();
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

    private static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static Job job(Readable row) {
        return new Job(
                row.get("id", UUID.class),
                JobStatus.fromWire(row.get("status", String.class)),
                Priority.ofRank(row.get("priority", Short.class)),
                row.get("attempt", Integer.class),
                row.get("max_attempts", Integer.class),
                instant(row, "next_attempt_at"),
                row.get("lease_owner", String.class),
                row.get("total_files", Integer.class),
                row.get("files_done", Integer.class),
                row.get("files_failed", Integer.class),
                row.get("bytes_done", Long.class),
                row.get("bytes_total", Long.class),
                row.get("callback_url", String.class),
                row.get("error", String.class),
                instant(row, "created_at"),
                instant(row, "updated_at"),
                instant(row, "finished_at"));
    }

    private static JobFile file(Readable row) {
        return new JobFile(
                row.get("idx", Integer.class),
                row.get("url", String.class),
                row.get("name", String.class),
                row.get("expected_sha256", String.class),
                FileStatus.fromWire(row.get("status", String.class)),
                row.get("bytes_done", Long.class),
                row.get("bytes_total", Long.class),
                row.get("sha256", String.class),
                row.get("storage_key", String.class),
                row.get("upload_id", String.class),
                row.get("error", String.class));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    private static JobStatus statusOrNull(String wire) {
        return wire == null ? null : JobStatus.fromWire(wire);
    }
}
