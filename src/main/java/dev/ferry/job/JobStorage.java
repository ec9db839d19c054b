package dev.ferry.job;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * What jobs need from storage, implemented by the storage feature: links to stored files and the removal of what a
 * deleted job left behind. Keeps {@code job} free of any other feature.
 */
public interface JobStorage {

    /** A presigned GET URL for a stored object, valid for {@code expiry}. Pure computation, no I/O. */
    String presignDownload(String key, String fileName, Duration expiry);

    /** Deletes these objects and aborts these multipart uploads; idempotent. */
    Mono<Void> discard(List<StoredPart> leftovers);

    /** An object key, with the multipart upload still open on it, if any. */
    record StoredPart(String key, String uploadId) {
    }
}
