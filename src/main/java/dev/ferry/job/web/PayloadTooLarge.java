package dev.ferry.job.web;

/** The request body is over {@code ferry.api.max-request-size}; answered 413. */
final class PayloadTooLarge extends RuntimeException {

    PayloadTooLarge(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}
