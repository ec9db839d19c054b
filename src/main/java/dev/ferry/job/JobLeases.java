package dev.ferry.job;

import static dev.ferry.job.JobRows.JOB_COLUMNS;
import static dev.ferry.job.JobRows.bindNullable;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The SQL of the claim and lease protocol: claim, heartbeat, rescue, hand-back, and every write a worker makes while
 * it holds a job. Every status change is one guarded statement that also appends its {@code job_event} row; every
 * worker write is fenced by {@link Lease} and fails with {@link LeaseLost} when it matches nothing.
 */
@Component
public final class JobLeases {

    /** The fence every worker write carries; matches only while the claim is current. */
    private static final String FENCE =
            "id = :id and status = 'processing' and lease_owner = :owner and attempt = :attempt";

    private final DatabaseClient db;

    JobLeases(DatabaseClient db) {
        this.db = Objects.requireNonNull(db, "db");
    }

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
                .map(JobRows::job)
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
                .map(JobRows::job)
                .one()
                .switchIfEmpty(Mono.error(() -> new LeaseLost(lease)));
    }

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
}
