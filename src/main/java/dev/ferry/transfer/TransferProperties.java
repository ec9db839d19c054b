package dev.ferry.transfer;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How sources are fetched ({@code ferry.transfer.*}).
 *
 * @param connectTimeout longest wait for a TCP connection to a source
 * @param idleTimeout longest wait between two reads of a response (headers or body); a stalled source is a
 *     transient failure
 * @param maxConnections most connections open to sources at once, over all hosts
 * @param userAgent what Ferry calls itself to sources
 * @param idlePartBuffers most full-size part buffers kept for reuse while idle (each is one part size)
 */
@ConfigurationProperties("ferry.transfer")
public record TransferProperties(Duration connectTimeout, Duration idleTimeout, Integer maxConnections,
        String userAgent, Integer idlePartBuffers) {

    public TransferProperties {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(30) : idleTimeout;
        maxConnections = maxConnections == null ? 256 : maxConnections;
        userAgent = userAgent == null ? "Ferry/0.1" : userAgent;
        idlePartBuffers = idlePartBuffers == null ? 8 : idlePartBuffers;
        if (idlePartBuffers < 0) {
            throw new IllegalArgumentException("ferry.transfer.idle-part-buffers must not be negative");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("ferry.transfer timeouts must be positive");
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("ferry.transfer.max-connections must be at least 1");
        }
    }
}
