package dev.ferry.storage;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 gateway. Every call is asynchronous; presigning is local computation. */
@Component
public final class ObjectStore {

    private static final int DELETE_BATCH = 1000;

    private final S3AsyncClient s3;
    private final S3Presigner presigner;
    private final StorageProperties properties;

    ObjectStore(S3AsyncClient s3, S3Presigner presigner, StorageProperties properties) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.properties = Objects.requireNonNull(properties, "properties");
    }

    public String bucket() {
        return properties.bucket();
    }

    public DataSize partSize() {
        return properties.partSize();
    }

    public int partsInFlight() {
        return properties.partsInFlight();
    }

    /** The key a job's file is stored under: unique per job and file index, readable by a person. */
    public String keyFor(String jobId, int index, String fileName) {
        return properties.keyPrefix() + jobId + "/" + index + "/" + fileName;
    }

    /** Stores a whole object in one request (files that fit in one part). */
    public Mono<Void> put(String key, ByteBuffer body) {
        long length = body.remaining();
        return Mono.fromFuture(() -> s3.putObject(b -> b.bucket(bucket()).key(key).contentLength(length),
                        AsyncRequestBody.fromByteBufferUnsafe(body)))
                .then();
    }

    /**
     * Opens a multipart upload; its ID names it in every later call. {@code onOpened} hears of the ID even when the
     * returned Mono was cancelled meanwhile: an upload S3 opened is never lost track of, so it can always be aborted.
     */
    public Mono<String> openUpload(String key, Consumer<String> onOpened) {
        return Mono.fromFuture(() -> s3.createMultipartUpload(b -> b.bucket(bucket()).key(key))
                .thenApply(r -> {
                    onOpened.accept(r.uploadId());
                    return r.uploadId();
                }), true);
    }

    /** Uploads one part (numbered from 1); the answer is what completing the upload needs. */
    public Mono<StoredPart> uploadPart(String key, String uploadId, int partNumber, ByteBuffer body) {
        long length = body.remaining();
        return Mono.fromFuture(() -> s3.uploadPart(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                                .partNumber(partNumber).contentLength(length),
                        AsyncRequestBody.fromByteBufferUnsafe(body)))
                .map(r -> new StoredPart(partNumber, r.eTag(), length));
    }

    /** Joins the parts into the object. */
    public Mono<Void> completeUpload(String key, String uploadId, List<StoredPart> parts) {
        List<CompletedPart> completed = parts.stream()
                .sorted(Comparator.comparingInt(StoredPart::number))
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build())
                .toList();
        return Mono.fromFuture(() -> s3.completeMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId)
                        .multipartUpload(CompletedMultipartUpload.builder().parts(completed).build())))
                .then();
    }

    /** Aborts an upload and frees its parts; an upload already gone is not an error. */
    public Mono<Void> abortUpload(String key, String uploadId) {
        return Mono.fromFuture(() -> s3.abortMultipartUpload(b -> b.bucket(bucket()).key(key).uploadId(uploadId)))
                .then()
                .onErrorResume(NoSuchUploadException.class, e -> Mono.empty());
    }

    /** Deletes objects, a thousand per request; keys that do not exist are not an error. */
    public Mono<Void> delete(List<String> keys) {
        List<List<String>> batches = new ArrayList<>();
        for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
            batches.add(keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH)));
        }
        return Flux.fromIterable(batches)
                .concatMap(batch -> Mono.fromFuture(() -> s3.deleteObjects(b -> b.bucket(bucket())
                        .delete(d -> d.quiet(true).objects(batch.stream()
                                .map(k -> ObjectIdentifier.builder().key(k).build()).toList())))))
                .then();
    }

    /** A presigned GET that downloads as {@code fileName}. */
    public String presignDownload(String key, String fileName, Duration expiry) {
        String disposition = "attachment; filename*=UTF-8''" + UriUtils.encode(fileName, StandardCharsets.UTF_8);
        return presigner.presignGetObject(p -> p.signatureDuration(expiry)
                        .getObjectRequest(g -> g.bucket(bucket()).key(key).responseContentDisposition(disposition)))
                .url()
                .toString();
    }

    /** A part as stored: its number, the ETag S3 gave it, and its length. */
    public record StoredPart(int number, String etag, long length) {
    }
}
