package dev.ferry.job;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;

/** How job rows are read and nullable values bound, shared by {@link JobRepository} and {@link JobLeases}. */
final class JobRows {

    static final String JOB_COLUMNS = "id, status, priority, attempt, max_attempts, next_attempt_at, "
            + "lease_owner, total_files, files_done, files_failed, bytes_done, bytes_total, callback_url, error, "
            + "created_at, updated_at, finished_at";

    static final String FILE_COLUMNS = "idx, url, name, expected_sha256, status, bytes_done, bytes_total, sha256, "
            + "storage_key, upload_id, error";

    private JobRows() {
    }

    static <T> GenericExecuteSpec bindNullable(GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    static Job job(Readable row) {
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

    static JobFile file(Readable row) {
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

    static Instant instant(Readable row, String column) {
        OffsetDateTime at = row.get(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    static JobStatus statusOrNull(String wire) {
        return wire == null ? null : JobStatus.fromWire(wire);
    }
}
