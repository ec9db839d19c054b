package dev.ferry.worker;

import dev.ferry.job.JobFile;
import dev.ferry.job.JobLeases;
import dev.ferry.job.Lease;
import dev.ferry.job.LeaseLost;
import dev.ferry.storage.ObjectStore;
import dev.ferry.storage.ObjectStore.StoredPart;
import dev.ferry.transfer.ChecksumMismatch;
import dev.ferry.transfer.Part;
import dev.ferry.transfer.SourceFetcher;
import dev.ferry.transfer.SourceFetcher.SourceBody;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Copies one file from its source into storage: a single PUT when it fits in one part, otherwise a multipart upload
 * with a bounded number of parts in flight. Every step is recorded under the job's lease; when the lease is lost the
 * copy stops and leaves nothing behind in storage.
 */
@Component
final class FileCopier {

    private static final Logger log = LoggerFactory.getLogger(FileCopier.class);

    private final SourceFetcher fetcher;
    private final ObjectStore store;
    private final JobLeases jobs;

    FileCopier(SourceFetcher fetcher, ObjectStore store, JobLeases jobs) {
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.store = Objects.requireNonNull(store, "store");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
    }

    /** Copies the file; fails only with {@link LeaseLost}, every other failure is a {@link FileResult.Failed}. */
    Mono<FileResult> copy(Lease lease, JobFile file) {
        String key = key(lease, file);
        UploadSlot openUpload = new UploadSlot();
        // An upload left open by an attempt that died is of no use now (its parts are not resumed): free it.
        Mono<Void> leftover = file.uploadId() == null ? Mono.empty() : abort(key, file.uploadId());
        Mono<FileResult> copy = leftover.thenMany(fetcher.fetch(file.url(), (int) store.partSize().toBytes(),
                        body -> store(lease, file, key, body, openUpload)))
                .then(Mono.<FileResult>fromSupplier(() -> new FileResult.Stored(file.name())))
                .doFinally(signal -> {
                    if (signal == SignalType.CANCEL) {
                        abandon(key, openUpload).subscribe();
                    }
                });
        return copy.onErrorResume(e -> abandon(key, openUpload).then(e instanceof LeaseLost
                ? Mono.error(e) : recordFailure(lease, file, e)));
    }

    private String key(Lease lease, JobFile file) {
        return store.keyFor(lease.jobId().toString(), file.index(), file.name());
    }

    private Mono<Void> store(Lease lease, JobFile file, String key, SourceBody body, UploadSlot upload) {
        Mono<String> opened = store.openUpload(key, id -> upload.opened(id, () -> abort(key, id).subscribe()))
                .flatMap(id -> jobs.uploadOpened(lease, file.index(), id).thenReturn(id))
                .cache();
        return jobs.fileStarted(lease, file.index(), body.declaredLength(), key)
                .thenMany(body.parts())
                .doOnNext(part -> verify(file, part))
                .flatMapSequential(part -> part.number() == 1 && part.last()
                        ? jobs.checkHeld(lease).then(store.put(key, part.buffer()))
                                .doOnSuccess(done -> part.recycle())
                                .then(Mono.just(new Stored(null, part.summary())))
                        : opened.flatMap(id -> store.uploadPart(key, id, part.number(), part.buffer()))
                                .doOnNext(stored -> part.recycle())
                                .flatMap(stored -> jobs.partStored(lease, file.index(), stored.length())
                                        .thenReturn(new Stored(stored, part.summary()))),
                        store.partsInFlight(), 1)
                .collectList()
                .flatMap(parts -> finish(lease, file, key, parts, upload));
    }

    private Mono<Void> finish(Lease lease, JobFile file, String key, List<Stored> parts, UploadSlot upload) {
        Part.Summary summary = parts.get(parts.size() - 1).summary();
        Mono<Void> complete = Mono.empty();
        String uploadId = upload.id();
        if (uploadId != null) {
            List<StoredPart> stored = parts.stream().map(Stored::stored).toList();
            complete = jobs.checkHeld(lease).then(store.completeUpload(key, uploadId, stored))
                    .doOnSuccess(done -> upload.completed());
        }
        return complete.then(jobs.fileDone(lease, file.index(), summary.sha256(), summary.length())
                .onErrorResume(LeaseLost.class, lost -> store.delete(List.of(key)).then(Mono.error(lost))));
    }

    private static void verify(JobFile file, Part part) {
        if (part.last() && file.expectedSha256() != null && !file.expectedSha256().equals(part.summary().sha256())) {
            throw new ChecksumMismatch(file.expectedSha256(), part.summary().sha256());
        }
    }

    private Mono<FileResult> recordFailure(Lease lease, JobFile file, Throwable error) {
        boolean transientError = Failures.isTransient(error);
        String description = Failures.describe(error);
        if (Failures.isExpected(error)) {
            log.info("job {} file {} ({}) failed {}: {}", lease.jobId(), file.index(), file.name(),
                    transientError ? "transiently" : "permanently", description);
        } else {
            log.warn("job {} file {} ({}) failed {} on an unexpected error", lease.jobId(), file.index(), file.name(),
                    transientError ? "transiently" : "permanently", error);
        }
        Mono<Void> record = transientError
                ? jobs.fileWillRetry(lease, file.index(), description)
                : jobs.fileFailed(lease, file.index(), description);
        return record.thenReturn(new FileResult.Failed(file.name(), description, transientError));
    }

    /**
     * Aborts the open multipart upload, if any, and removes whatever sits under the file's key (some stores keep a
     * placeholder object while an upload is open). The key belongs to this file of this job alone, and the file is
     * not done, so nothing there is worth keeping. An upload that S3 opens after this is aborted as soon as it opens.
     */
    private Mono<Void> abandon(String key, UploadSlot upload) {
        String id = upload.abandon();
        return id == null ? Mono.empty() : abort(key, id);
    }

    /** Best effort: a lost abort leaves parts to the bucket's lifecycle rule. */
    private Mono<Void> abort(String key, String uploadId) {
        return store.abortUpload(key, uploadId)
                .then(store.delete(List.of(key)))
                .onErrorResume(e -> {
                    log.warn("could not abort upload {} of {}: {}", uploadId, key, e.toString());
                    return Mono.empty();
                });
    }

    /** The multipart upload of one copy: open, completed, or abandoned, whichever way the races go. */
    private static final class UploadSlot {
        private String id;
        private boolean abandoned;

        synchronized String id() {
            return id;
        }

        /** S3 opened the upload; if the copy was abandoned meanwhile, {@code abortNow} runs. */
        void opened(String uploadId, Runnable abortNow) {
            synchronized (this) {
                if (!abandoned) {
                    id = uploadId;
                    return;
                }
            }
            abortNow.run();
        }

        synchronized void completed() {
            id = null;
        }

        /** Marks the copy abandoned and returns the upload to abort, if one is open. */
        synchronized String abandon() {
            abandoned = true;
            String open = id;
            id = null;
            return open;
        }
    }

    /**
     * What is kept of a stored part until the file is complete: what S3 said of it (null for a single PUT) and, for
     * the last part, the source's summary. Never the bytes: those are let go as soon as the part is stored, so memory
     * stays bounded by the parts in flight, whatever the file's size.
     */
    private record Stored(StoredPart stored, Part.Summary summary) {
    }
}
