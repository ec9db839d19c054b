package dev.ferry.job.web;

import java.util.List;

/** The request cannot be taken as it is; answered 400 with every field error found. Nothing was stored. */
final class InvalidRequest extends RuntimeException {

    private final List<FieldError> errors;

    InvalidRequest(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid request" : errors.get(0).field() + ": " + errors.get(0).reason());
        this.errors = List.copyOf(errors);
    }

    InvalidRequest(String field, String reason) {
        this(List.of(new FieldError(field, reason)));
    }

    List<FieldError> errors() {
        return errors;
    }
}
