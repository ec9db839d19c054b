package dev.ferry.job.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The HTTP API ({@code ferry.api.*}).
 *
 * @param maxRequestSize largest request body accepted; larger ones get 413 before they are read whole
 * @param maxUrlLength longest source or callback URL accepted
 */
@ConfigurationProperties("ferry.api")
public record ApiProperties(DataSize maxRequestSize, Integer maxUrlLength) {

    public ApiProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(4) : maxRequestSize;
        maxUrlLength = maxUrlLength == null ? 2048 : maxUrlLength;
        if (maxRequestSize.toBytes() < 1024 || maxRequestSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("ferry.api.max-request-size must be within 1KB..2GB");
        }
    }
}
