package dev.ferry.support;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * Builds job rows straight in the database, for states the API cannot make on its own (a job held by a node that
 * died): {@code aJob().withFile(url).heldBy("ghost").leaseExpired().insert(db)}.
 */
public final class TestJobs {

    private final List<String> urls = new ArrayList<>();
    private String status = "queued";
    private String owner;
    private int attempt;
    private int maxAttempts = 3;
    private boolean expired;

    private TestJobs() {
    }

    public static TestJobs aJob() {
        return new TestJobs();
    }

    public TestJobs withFile(String url) {
        urls.add(url);
        return this;
    }

    /** Processing under {@code owner}'s lease, in its first attempt. */
    public TestJobs heldBy(String owner) {
        this.status = "processing";
        this.owner = owner;
        this.attempt = Math.max(attempt, 1);
        return this;
    }

    public TestJobs leaseExpired() {
        this.expired = true;
        return this;
    }

    public TestJobs maxAttempts(int maxAttempts) {
        this.maxAttempts = maxAttempts;
        return this;
    }

    /** Inserts the job, its files and an event in one statement, and returns its ID. */
    public UUID insert(DatabaseClient db) {
        UUID id = UUID.randomUUID();
        String lease = owner == null ? "null" : expired ? "now() - interval '1 second'" : "now() + interval '1 minute'";
        DatabaseClient.GenericExecuteSpec spec = db.sql("with j as (insert into job (id, status, attempt, max_attempts, "
                        + "lease_owner, lease_expires_at, total_files, started_at) values (:id, :status, :attempt, "
                        + ":maxAttempts, :owner, " + lease + ", :total, "
                        + (owner == null ? "null" : "now()") + ") returning id), "
                        + "f as (insert into job_file (job_id, idx, url, name, status) "
                        + "  select j.id, (u.ord - 1)::int, u.url, 'file-' || u.ord, :fileStatus "
                        + "  from j, unnest(:urls::text[]) with ordinality as u(url, ord)) "
                        + "insert into job_event (job_id, from_status, to_status, attempt, reason) "
                        + "select id, null, :status, :attempt, 'test fixture' from j")
                .bind("id", id)
                .bind("status", status)
                .bind("attempt", attempt)
                .bind("maxAttempts", maxAttempts)
                .bind("total", urls.size())
                .bind("fileStatus", owner == null ? "queued" : "transferring")
                .bind("urls", urls.toArray(String[]::new));
        spec = owner == null ? spec.bindNull("owner", String.class) : spec.bind("owner", owner);
        spec.then().block();
        return id;
    }
}
