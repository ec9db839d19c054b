package dev.ferry.job;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits and defaults for jobs ({@code ferry.jobs.*}).
 *
 * @param maxFiles most files one job may hold
 * @param defaultMaxAttempts attempts a job gets when the request does not say
 * @param downloadUrlExpiry how long a presigned download URL stays valid; at most 7 days (the S3 SigV4 limit)
 */
@ConfigurationProperties("ferry.jobs")
public record JobProperties(Integer maxFiles, Integer defaultMaxAttempts, Duration downloadUrlExpiry) {

    static final Duration LONGEST_URL_EXPIRY = Duration.ofDays(7);

    public JobProperties {
        maxFiles = maxFiles == null ? 10_000 : maxFiles;
        defaultMaxAttempts = defaultMaxAttempts == null ? 3 : defaultMaxAttempts;
        downloadUrlExpiry = downloadUrlExpiry == null ? Duration.ofHours(1) : downloadUrlExpiry;
        if (maxFiles < 1 || maxFiles > 10_000) {
            throw new IllegalArgumentException("ferry.jobs.max-files must be within 1..10000, got " + maxFiles);
        }
        if (defaultMaxAttempts < 1 || defaultMaxAttempts > 20) {
            throw new IllegalArgumentException("ferry.jobs.default-max-attempts must be within 1..20");
        }
        if (downloadUrlExpiry.isNegative() || downloadUrlExpiry.isZero()
                || downloadUrlExpiry.compareTo(LONGEST_URL_EXPIRY) > 0) {
            throw new IllegalArgumentException("ferry.jobs.download-url-expiry must be within (0, 7d], got "
                    + downloadUrlExpiry);
        }
    }
}
