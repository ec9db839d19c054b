package dev.ferry.worker;

import io.r2dbc.postgresql.api.PostgresqlConnection;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Wrapped;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * LISTENs for {@code ferry_jobs} on one dedicated connection: a NOTIFY fires when jobs are inserted, so an idle
 * dispatcher claims at once instead of at its next poll. Reconnects with backoff when the connection drops.
 */
@Component
final class JobWakeups {

    static final String CHANNEL = "ferry_jobs";
    private static final Logger log = LoggerFactory.getLogger(JobWakeups.class);

    private final ConnectionFactory connections;

    JobWakeups(ConnectionFactory connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** One signal per notification, for as long as it is subscribed. */
    Flux<String> signals() {
        return Flux.usingWhen(connections.create(), this::listen, Connection::close)
                .doOnError(e -> log.warn("LISTEN {} connection lost, reconnecting: {}", CHANNEL, e.toString()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(10)));
    }

    private Flux<String> listen(Connection connection) {
        PostgresqlConnection postgres = unwrap(connection);
        return postgres.createStatement("LISTEN " + CHANNEL).execute()
                .flatMap(result -> result.getRowsUpdated())
                .thenMany(postgres.getNotifications())
                .map(notification -> notification.getName());
    }

    private static PostgresqlConnection unwrap(Connection connection) {
        Object c = connection;
        while (!(c instanceof PostgresqlConnection) && c instanceof Wrapped<?> wrapped) {
            c = wrapped.unwrap();
        }
        if (c instanceof PostgresqlConnection postgres) {
            return postgres;
        }
        throw new IllegalStateException("LISTEN needs a PostgreSQL R2DBC connection, got " + connection.getClass());
    }
}
