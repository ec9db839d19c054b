package dev.ferry.worker;

import dev.ferry.transfer.ChecksumMismatch;
import dev.ferry.transfer.IncompleteBody;
import dev.ferry.transfer.SourceStatus;
import dev.ferry.transfer.TooLarge;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.util.concurrent.TimeoutException;
import reactor.core.Exceptions;
import reactor.netty.http.client.PrematureCloseException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * The one place that maps low-level errors (HTTP statuses, socket errors, S3 errors) to transient (retry with backoff)
 * or permanent (fail the file at once).
 */
final class Failures {

    private Failures() {
    }

    /** Whether it is worth trying again later. */
    static boolean isTransient(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        if (e instanceof SourceStatus s) {
            return s.status() == 408 || s.status() == 429 || s.status() >= 500;
        }
        if (e instanceof ChecksumMismatch || e instanceof TooLarge || e instanceof MalformedURLException
                || e instanceof IllegalArgumentException) {
            return false;
        }
        if (e instanceof SdkServiceException s) {
            return s.statusCode() >= 500 || s.statusCode() == 429 || s.statusCode() == 408 || s.isThrottlingException();
        }
        if (e instanceof IncompleteBody || e instanceof PrematureCloseException || e instanceof ReadTimeoutException
                || e instanceof ConnectTimeoutException || e instanceof TimeoutException || e instanceof IOException
                || e instanceof SdkClientException) {
            return true;
        }
        Throwable cause = e.getCause();
        return cause == null || cause == e || isTransient(cause);
    }

    /** Whether this is one of the failures a transfer meets in the normal course of things (no stack trace needed). */
    static boolean isExpected(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        return e instanceof SourceStatus || e instanceof ChecksumMismatch || e instanceof IncompleteBody
                || e instanceof TooLarge || e instanceof IOException || e instanceof ReadTimeoutException
                || e instanceof TimeoutException || e instanceof SdkServiceException;
    }

    /** A short, stable description for the job's and file's {@code error}. */
    static String describe(Throwable error) {
        Throwable e = Exceptions.unwrap(error);
        if (e instanceof SourceStatus || e instanceof ChecksumMismatch || e instanceof IncompleteBody
                || e instanceof TooLarge) {
            return e.getMessage();
        }
        if (e instanceof ReadTimeoutException) {
            return "source stalled (idle read timeout)";
        }
        if (e instanceof ConnectTimeoutException) {
            return "cannot connect to source (timeout)";
        }
        if (e instanceof PrematureCloseException) {
            return "source closed the connection mid-body";
        }
        if (e instanceof SdkServiceException s) {
            return "storage answered HTTP " + s.statusCode() + ": " + s.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
