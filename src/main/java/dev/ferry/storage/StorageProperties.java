package dev.ferry.storage;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Where files are stored ({@code ferry.storage.*}). With no endpoint configured, Ferry's embedded S3 server fills in
 * endpoint, region, bucket and keys (see {@code dev.ferry.embedded}).
 *
 * @param endpoint the S3 API endpoint Ferry uploads to
 * @param publicEndpoint the endpoint presigned URLs carry, for clients that reach storage by another name (behind a
 *     proxy, or outside the cluster); defaults to {@code endpoint}
 * @param region the signing region
 * @param bucket the bucket every object goes to
 * @param accessKey access key ID
 * @param secretKey secret access key
 * @param pathStyle path-style addressing ({@code host/bucket/key}); most S3-compatible stores need it
 * @param partSize size of one multipart part, at least 5 MiB (the S3 minimum); memory per transfer is about
 *     {@code (partsInFlight + 3) * partSize}
 * @param partsInFlight parts of one file uploading at once
 * @param keyPrefix prefix of every object key Ferry writes
 * @param maxConnections most connections open to storage at once; keep it at least
 *     {@code ferry.worker.concurrency * ferry.worker.files-per-job * partsInFlight}, or part uploads queue
 */
@ConfigurationProperties("ferry.storage")
public record StorageProperties(
        URI endpoint,
        URI publicEndpoint,
        String region,
        String bucket,
        String accessKey,
        String secretKey,
        Boolean pathStyle,
        DataSize partSize,
        Integer partsInFlight,
        String keyPrefix,
        Integer maxConnections) {

    static final DataSize MIN_PART = DataSize.ofMegabytes(5);
    static final DataSize MAX_PART = DataSize.ofMegabytes(512);

    public StorageProperties {
        if (endpoint == null) {
            throw new IllegalArgumentException("ferry.storage.endpoint is not set (nor started embedded)");
        }
        publicEndpoint = publicEndpoint == null ? endpoint : publicEndpoint;
        region = StringUtils.hasText(region) ? region : "us-east-1";
        bucket = StringUtils.hasText(bucket) ? bucket : "ferry";
        pathStyle = pathStyle == null || pathStyle;
        partSize = partSize == null ? DataSize.ofMegabytes(8) : partSize;
        partsInFlight = partsInFlight == null ? 2 : partsInFlight;
        keyPrefix = keyPrefix == null ? "jobs/" : keyPrefix;
        maxConnections = maxConnections == null ? 64 : maxConnections;
        if (maxConnections < 1) {
            throw new IllegalArgumentException("ferry.storage.max-connections must be at least 1");
        }
        if (!StringUtils.hasText(accessKey) || !StringUtils.hasText(secretKey)) {
            throw new IllegalArgumentException("ferry.storage.access-key and ferry.storage.secret-key must be set");
        }
        if (partSize.compareTo(MIN_PART) < 0 || partSize.compareTo(MAX_PART) > 0) {
            throw new IllegalArgumentException("ferry.storage.part-size must be within 5MB..512MB, got " + partSize);
        }
        if (partsInFlight < 1 || partsInFlight > 16) {
            throw new IllegalArgumentException("ferry.storage.parts-in-flight must be within 1..16");
        }
    }

    @Override
    public String toString() {
        return "StorageProperties[endpoint=" + endpoint + ", bucket=" + bucket + ", secretKey=***]";
    }
}
