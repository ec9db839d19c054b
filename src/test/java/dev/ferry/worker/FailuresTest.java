package dev.ferry.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ferry.transfer.ChecksumMismatch;
import dev.ferry.transfer.TooLarge;
import dev.ferry.transfer.IncompleteBody;
import dev.ferry.transfer.SourceStatus;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.netty.http.client.PrematureCloseException;
import software.amazon.awssdk.services.s3.model.S3Exception;

class FailuresTest {

    private static final int SHORT = 120;

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503, 504})
    void sourceStatusesWorthRetryingAreTransient(int status) {
        SourceStatus error = new SourceStatus(status);

        assertThat(Failures.isTransient(error)).isTrue();
        assertThat(Failures.describe(error)).isEqualTo("source answered HTTP " + status);
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410})
    void sourceStatusesThatWillNotChangeArePermanent(int status) {
        SourceStatus error = new SourceStatus(status);

        assertThat(Failures.isTransient(error)).isFalse();
        assertThat(Failures.describe(error)).isEqualTo("source answered HTTP " + status);
    }

    @Test
    void sourceTooLargeForTheObjectIsPermanent() {
        TooLarge error = new TooLarge(5 * 1024 * 1024);

        assertThat(Failures.isTransient(error)).isFalse();
        assertThat(Failures.describe(error)).contains("10,000 parts");
    }

    @Test
    void checksumMismatchIsPermanent() {
        ChecksumMismatch error = new ChecksumMismatch("aa", "bb");

        assertThat(Failures.isTransient(error)).isFalse();
        assertThat(Failures.describe(error)).isEqualTo("SHA-256 mismatch: expected aa, got bb");
    }

    @Test
    void incompleteBodyIsTransient() {
        IncompleteBody error = new IncompleteBody(100, 40);

        assertThat(Failures.isTransient(error)).isTrue();
        assertThat(Failures.describe(error)).isEqualTo("source announced 100 bytes but sent 40");
    }

    @Test
    void stalledSourceIsTransient() {
        assertThat(Failures.isTransient(ReadTimeoutException.INSTANCE)).isTrue();
        assertThat(Failures.describe(ReadTimeoutException.INSTANCE)).isEqualTo("source stalled (idle read timeout)");
    }

    @Test
    void refusedConnectionIsTransient() {
        ConnectException error = new ConnectException("Connection refused");

        assertThat(Failures.isTransient(error)).isTrue();
        assertThat(Failures.describe(error)).isEqualTo("ConnectException: Connection refused");
    }

    @Test
    void connectionClosedMidBodyIsTransient() {
        // No public constructor; reactor-netty exposes this instance for tests.
        PrematureCloseException error = PrematureCloseException.TEST_EXCEPTION;

        assertThat(Failures.isTransient(error)).isTrue();
        assertThat(Failures.describe(error)).isEqualTo("source closed the connection mid-body");
    }

    @Test
    void storageUnavailableIsTransient() {
        S3Exception error = s3(503, "Service Unavailable");

        assertThat(Failures.isTransient(error)).isTrue();
        assertThat(Failures.describe(error)).contains("HTTP 503").hasSizeLessThan(SHORT);
    }

    @Test
    void storageAccessDeniedIsPermanent() {
        S3Exception error = s3(403, "Access Denied");

        assertThat(Failures.isTransient(error)).isFalse();
        assertThat(Failures.describe(error)).isEqualTo("storage answered HTTP 403: Access Denied");
    }

    @Test
    void storageThrottlingIsTransient() {
        assertThat(Failures.isTransient(s3(429, "Slow Down"))).isTrue();
    }

    @Test
    void looksThroughReactorWrappingAndCauses() {
        RuntimeException wrappedIo = Exceptions.propagate(new IOException("reset"));
        RuntimeException causedByNotFound = new RuntimeException("copy failed", new SourceStatus(404));
        RuntimeException causedByUnavailable = new RuntimeException("copy failed", new SourceStatus(503));

        assertThat(Failures.isTransient(wrappedIo)).isTrue();
        assertThat(Failures.describe(wrappedIo)).isEqualTo("IOException: reset");
        assertThat(Failures.isTransient(causedByNotFound)).isFalse();
        assertThat(Failures.isTransient(causedByUnavailable)).isTrue();
    }

    @Test
    void describesEveryKindShortlyNamingTheStatus() {
        assertThat(Failures.describe(new SourceStatus(503))).contains("503").hasSizeLessThan(SHORT);
        assertThat(Failures.describe(s3(403, "Access Denied"))).contains("403").hasSizeLessThan(SHORT);
        assertThat(Failures.describe(ReadTimeoutException.INSTANCE)).hasSizeLessThan(SHORT);
        assertThat(Failures.describe(PrematureCloseException.TEST_EXCEPTION)).hasSizeLessThan(SHORT);
        assertThat(Failures.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    private static S3Exception s3(int status, String message) {
        return (S3Exception) S3Exception.builder().statusCode(status).message(message).build();
    }
}
