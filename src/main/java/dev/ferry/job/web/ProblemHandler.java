package dev.ferry.job.web;

import dev.ferry.job.IdempotencyConflict;
import dev.ferry.job.JobNotFound;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place exceptions become HTTP answers, all as RFC 9457 problem+json. Field errors are listed under
 * {@code errors} as {@code {"field", "reason"}}; framework errors (415, 405, 404 ...) come through the base class.
 */
@RestControllerAdvice
final class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String TYPE = "urn:problem-type:ferry:";

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", e.getMessage(), e.errors());
    }

    @ExceptionHandler(PayloadTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLarge e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "Request too large", e.getMessage(),
                List.of(new FieldError("body", e.getMessage())));
    }

    @ExceptionHandler(UnsupportedContentType.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedContentType e) {
        return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type",
                e.getMessage(), List.of(new FieldError("Content-Type", "must be application/json")));
    }

    @ExceptionHandler(JobNotFound.class)
    ResponseEntity<ProblemDetail> notFound(JobNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "job-not-found", "Job not found", e.getMessage(),
                List.of(new FieldError("job_id", "no such job")));
    }

    @ExceptionHandler(IdempotencyConflict.class)
    ResponseEntity<ProblemDetail> conflict(IdempotencyConflict e) {
        return problem(HttpStatus.CONFLICT, "idempotency-conflict", "Idempotency-Key reused", e.getMessage(),
                List.of(new FieldError("Idempotency-Key", "was used before with a different request body")));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> unexpected(RuntimeException e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; it is safe to retry", List.of());
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail,
            List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE + type));
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
