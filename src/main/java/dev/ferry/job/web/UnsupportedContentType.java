package dev.ferry.job.web;

import org.springframework.http.MediaType;

/** The request body is not JSON; answered 415. */
final class UnsupportedContentType extends RuntimeException {

    UnsupportedContentType(MediaType given) {
        super(given == null ? "Content-Type is missing; send application/json"
                : "Content-Type " + given + " is not supported; send application/json");
    }
}
