package dev.ferry.job;

import static dev.ferry.support.TestJobs.aJob;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.FerryApplication;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The claim and lease protocol, straight against the repository on a database of its own, with no worker running so
 * nothing but the test claims.
 */
@SpringBootTest(classes = FerryApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"ferry.worker.enabled=false", "ferry.embedded.data-dir=${ferry.test.root}/claims"})
@ActiveProfiles("test")
class ClaimIntegrationTest {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @Autowired
    JobLeases jobs;

    @Autowired
    JobRepository rows;

    @Autowired
    JobService service;

    @Autowired
    DatabaseClient db;

    @BeforeEach
    void emptyQueue() {
        db.sql("delete from job").then().block();
    }

    private UUID queued(Priority priority) {
        NewJob job = new NewJob(List.of(new NewFile("http://127.0.0.1:1/x", "x", null)), null, priority, 3, null, null);
        return service.create(job).block().job().id();
    }

    @Test
    void claimsNoMoreThanTheFreeSlotsHighestPriorityFirstThenOldest() {
        UUID low = queued(Priority.LOW);
        UUID normal1 = queued(Priority.NORMAL);
        UUID high1 = queued(Priority.HIGH);
        queued(Priority.NORMAL);
        UUID high2 = queued(Priority.HIGH);

        List<Job> claimed = jobs.claim("node-a", 3, LEASE).collectList().block();

        assertThat(claimed).extracting(Job::id).containsExactly(high1, high2, normal1);
        assertThat(claimed).allSatisfy(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.PROCESSING);
            assertThat(job.attempt()).isEqualTo(1);
            assertThat(job.leaseOwner()).isEqualTo("node-a");
        });
        assertThat(jobs.claim("node-a", 0, LEASE).collectList().block()).isEmpty();
        assertThat(rows.find(low).block().status()).isEqualTo(JobStatus.QUEUED);
        assertThat(rows.events(high1).map(e -> e.to() + " " + e.reason()).collectList().block())
                .containsExactly("QUEUED accepted", "PROCESSING claimed by node-a");
    }

    @Test
    void concurrentClaimersNeverClaimTheSameJob() {
        for (int i = 0; i < 40; i++) {
            queued(Priority.NORMAL);
        }

        List<Job> claimed = Flux.range(0, 8)
                .flatMap(n -> jobs.claim("node-" + n, 7, LEASE).subscribeOn(Schedulers.parallel()))
                .collectList()
                .block();

        Set<UUID> distinct = new HashSet<>();
        claimed.forEach(job -> distinct.add(job.id()));
        assertThat(claimed).hasSize(40);
        assertThat(distinct).hasSize(40);
    }

    @Test
    void writesUnderALostLeaseChangeNothing() {
        UUID id = queued(Priority.NORMAL);
        Job first = jobs.claim("node-a", 1, LEASE).blockFirst();
        expireLease(id);
        assertThat(jobs.rescueExpired().collectList().block()).containsExactly(id);
        Job second = jobs.claim("node-b", 1, LEASE).blockFirst();
        assertThat(second.attempt()).isEqualTo(2);

        Lease stale = first.lease();
        StepVerifier.create(jobs.fileStarted(stale, 0, 100L, "k")).expectError(LeaseLost.class).verify();
        StepVerifier.create(jobs.partStored(stale, 0, 100)).expectError(LeaseLost.class).verify();
        StepVerifier.create(jobs.fileDone(stale, 0, "a".repeat(64), 100)).expectError(LeaseLost.class).verify();
        StepVerifier.create(jobs.finish(stale, new Outcome.Completed(null))).expectError(LeaseLost.class).verify();
        StepVerifier.create(jobs.checkHeld(stale)).expectError(LeaseLost.class).verify();

        Job unchanged = rows.find(id).block();
        assertThat(unchanged.status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(unchanged.leaseOwner()).isEqualTo("node-b");
        assertThat(unchanged.bytesDone()).isZero();
        assertThat(rows.files(id).blockFirst().status()).isEqualTo(FileStatus.QUEUED);

        Lease current = second.lease();
        jobs.fileStarted(current, 0, 100L, "k").block();
        jobs.partStored(current, 0, 100).block();
        jobs.fileDone(current, 0, "a".repeat(64), 100).block();
        Job done = jobs.finish(current, new Outcome.Completed(null)).block();
        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.filesDone()).isEqualTo(1);
        assertThat(done.bytesDone()).isEqualTo(100);
        assertThat(done.finishedAt()).isNotNull();
    }

    @Test
    void heartbeatExtendsOnlyTheLeasesStillHeld() {
        UUID mine = queued(Priority.NORMAL);
        jobs.claim("node-a", 1, Duration.ofSeconds(2)).blockFirst();
        UUID unknown = UUID.randomUUID();

        List<UUID> kept = jobs.heartbeat("node-a", List.of(mine, unknown), LEASE).collectList().block();
        List<UUID> notMine = jobs.heartbeat("node-b", List.of(mine), LEASE).collectList().block();

        assertThat(kept).containsExactly(mine);
        assertThat(notMine).isEmpty();
        Boolean extended = db.sql("select lease_expires_at > now() + interval '50 seconds' as ok from job where id = :id")
                .bind("id", mine).map((row, meta) -> row.get("ok", Boolean.class)).one().block();
        assertThat(extended).isTrue();
    }

    @Test
    void rescuerRetriesExpiredLeasesAndFailsThoseWithNoAttemptsLeft() {
        UUID retried = aJob().withFile("http://127.0.0.1:1/a").heldBy("dead").leaseExpired().insert(db);
        UUID spent = aJob().withFile("http://127.0.0.1:1/b").heldBy("dead").leaseExpired().maxAttempts(1).insert(db);
        UUID alive = aJob().withFile("http://127.0.0.1:1/c").heldBy("alive").insert(db);

        assertThat(jobs.rescueExpired().collectList().block()).containsExactlyInAnyOrder(retried, spent);

        Job again = rows.find(retried).block();
        assertThat(again.status()).isEqualTo(JobStatus.RETRYING);
        assertThat(again.leaseOwner()).isNull();
        Job failed = rows.find(spent).block();
        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.finishedAt()).isNotNull();
        assertThat(failed.filesFailed()).isEqualTo(1);
        assertThat(rows.files(spent).blockFirst().status()).isEqualTo(FileStatus.FAILED);
        assertThat(rows.find(alive).block().status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(jobs.claim("node-b", 5, LEASE).map(Job::id).collectList().block()).containsExactly(retried);
    }

    @Test
    void spentJobWhoseLeaseExpiredAfterStoringAFileEndsCompletedNamingTheRest() {
        NewJob twoFiles = new NewJob(List.of(new NewFile("http://127.0.0.1:1/a", "a", null),
                new NewFile("http://127.0.0.1:1/b", "b", null)), null, Priority.NORMAL, 1, null, null);
        UUID id = service.create(twoFiles).block().job().id();
        Lease lease = jobs.claim("node-a", 1, LEASE).blockFirst().lease();
        jobs.fileStarted(lease, 0, 10L, "k0").block();
        jobs.fileDone(lease, 0, "a".repeat(64), 10).block();
        expireLease(id);

        assertThat(jobs.rescueExpired().collectList().block()).containsExactly(id);

        Job rescued = rows.find(id).block();
        assertThat(rescued.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(rescued.filesDone()).isEqualTo(1);
        assertThat(rescued.filesFailed()).isEqualTo(1);
        assertThat(rescued.error()).startsWith("1 of 2 files not transferred");
        assertThat(rows.files(id).map(JobFile::status).collectList().block())
                .containsExactly(FileStatus.DONE, FileStatus.FAILED);
    }

    @Test
    void retryingJobIsNotClaimedBeforeItsTime() {
        UUID id = queued(Priority.NORMAL);
        Job claimed = jobs.claim("node-a", 1, LEASE).blockFirst();

        Job retrying = jobs.finish(claimed.lease(), new Outcome.RetryAfter(Duration.ofMinutes(5), "503")).block();

        assertThat(retrying.status()).isEqualTo(JobStatus.RETRYING);
        assertThat(jobs.claim("node-a", 1, LEASE).collectList().block()).isEmpty();
        db.sql("update job set next_attempt_at = now() where id = :id").bind("id", id).then().block();
        assertThat(jobs.claim("node-a", 1, LEASE).map(Job::attempt).collectList().block()).containsExactly(2);
    }

    @Test
    void gracefulReleaseHandsJobsBackWithoutSpendingAnAttempt() {
        UUID id = queued(Priority.NORMAL);
        jobs.claim("node-a", 1, LEASE).blockFirst();

        assertThat(jobs.releaseAll("node-a").block()).isEqualTo(1);

        Job released = rows.find(id).block();
        assertThat(released.status()).isEqualTo(JobStatus.RETRYING);
        assertThat(released.attempt()).isZero();
        assertThat(jobs.claim("node-b", 1, LEASE).map(Job::attempt).collectList().block()).containsExactly(1);
    }

    @Test
    void databaseRefusesStatesTheStateMachineForbids() {
        UUID id = queued(Priority.NORMAL);
        for (String change : List.of(
                "status = 'completed'",
                "finished_at = now()",
                "status = 'exploded'",
                "priority = 7",
                "files_done = -1",
                "bytes_done = -5",
                "files_done = 2",
                "status = 'processing'")) {
            assertThatThrownBy(() -> db.sql("update job set " + change + " where id = :id").bind("id", id).then()
                    .block()).as(change).isInstanceOf(DataIntegrityViolationException.class);
        }
        assertThat(rows.find(id).block().status()).isEqualTo(JobStatus.QUEUED);
    }

    private void expireLease(UUID id) {
        db.sql("update job set lease_expires_at = now() - interval '1 second' where id = :id").bind("id", id)
                .then().block();
    }
}
