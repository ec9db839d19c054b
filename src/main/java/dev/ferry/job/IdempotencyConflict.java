package dev.ferry.job;

/** An Idempotency-Key was reused with a different request body. */
public final class IdempotencyConflict extends RuntimeException {

    public IdempotencyConflict(String key) {
        super("Idempotency-Key '" + key + "' was already used with a different request");
    }
}
