package dev.ferry.worker;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * The worker role ({@code ferry.worker.*}).
 *
 * @param enabled whether this node runs jobs (an API-only node sets false)
 * @param concurrency jobs this node runs at once
 * @param filesPerJob files of one job transferred at once
 * @param lease how long a claim lives without a heartbeat; heartbeats go every third of it
 * @param pollInterval the backstop poll for claimable jobs (NOTIFY wakes idle dispatchers at once)
 * @param rescueInterval how often expired leases are looked for
 * @param backoffBase delay before the second attempt; doubles each attempt, with jitter
 * @param backoffMax longest delay between attempts
 * @param nodeId this node's name in leases; defaults to host name plus a random suffix
 */
@ConfigurationProperties("ferry.worker")
public record WorkerProperties(
        Boolean enabled,
        Integer concurrency,
        Integer filesPerJob,
        Duration lease,
        Duration pollInterval,
        Duration rescueInterval,
        Duration backoffBase,
        Duration backoffMax,
        String nodeId) {

    public WorkerProperties {
        enabled = enabled == null || enabled;
        concurrency = concurrency == null ? 4 : concurrency;
        filesPerJob = filesPerJob == null ? 2 : filesPerJob;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
        rescueInterval = rescueInterval == null ? Duration.ofSeconds(15) : rescueInterval;
        backoffBase = backoffBase == null ? Duration.ofSeconds(2) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofMinutes(5) : backoffMax;
        nodeId = StringUtils.hasText(nodeId) ? nodeId : defaultNodeId();
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("ferry.worker.concurrency must be within 1..1024");
        }
        if (filesPerJob < 1 || filesPerJob > 64) {
            throw new IllegalArgumentException("ferry.worker.files-per-job must be within 1..64");
        }
        if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("ferry.worker.lease must be at least 1s");
        }
        if (backoffBase.isNegative() || backoffMax.compareTo(backoffBase) < 0) {
            throw new IllegalArgumentException("ferry.worker.backoff-max must be at least backoff-base");
        }
    }

    /** Heartbeats go three times per lease, so one lost beat never costs a lease. */
    Duration heartbeatInterval() {
        return lease.dividedBy(3);
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        return host + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
