package dev.ferry.job.web;

import dev.ferry.job.JobProperties;
import dev.ferry.job.JobService;
import dev.ferry.job.JobStatus;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import tools.jackson.databind.ObjectMapper;

/** {@code /v1/download/jobs}: create, read, list and delete download jobs. */
@RestController
@RequestMapping("/v1/download/jobs")
final class JobController {

    private static final int DEFAULT_PAGE = 20;
    private static final int MAX_PAGE = 100;

    private final JobService jobs;
    private final JobRequestParser parser;
    private final ApiProperties api;

    JobController(JobService jobs, ObjectMapper json, ApiProperties api, OriginProperties origin,
            JobProperties jobProperties) {
        this.jobs = jobs;
        this.api = api;
        this.parser = new JobRequestParser(json, api, origin, jobProperties);
    }

    @PostMapping
    Mono<ResponseEntity<JobViews.Accepted>> create(ServerHttpRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        MediaType type = request.getHeaders().getContentType();
        if (type == null || !(MediaType.APPLICATION_JSON.isCompatibleWith(type)
                || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"))) {
            return Mono.error(new UnsupportedContentType(type));
        }
        long limit = api.maxRequestSize().toBytes();
        if (request.getHeaders().getContentLength() > limit) {
            return Mono.error(new PayloadTooLarge(limit));
        }
        return DataBufferUtils.join(request.getBody(), (int) limit)
                .onErrorMap(DataBufferLimitException.class, e -> new PayloadTooLarge(limit))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0])
                .map(body -> parser.parse(body, idempotencyKey))
                .flatMap(jobs::create)
                .map(created -> {
                    UUID id = created.job().id();
                    URI base = UriComponentsBuilder.fromUri(request.getURI()).replacePath(null).replaceQuery(null)
                            .build().toUri();
                    String statusUrl = base + "/v1/download/jobs/" + id;
                    String socketBase = base.toString().replaceFirst("^http", "ws");
                    JobViews.Accepted body = new JobViews.Accepted(id, created.job().status().wire(),
                            created.estimatedDuration(), statusUrl, socketBase + "/v1/download/jobs/" + id + "/stream",
                            statusUrl + "/events");
                    return ResponseEntity.status(HttpStatus.ACCEPTED)
                            .location(URI.create(statusUrl))
                            .header("Idempotent-Replayed", Boolean.toString(created.replayed()))
                            .body(body);
                });
    }

    @GetMapping("/{jobId}")
    Mono<JobViews.Detail> get(@PathVariable String jobId) {
        UUID id = jobId(jobId);
        return jobs.find(id).flatMap(job -> jobs.files(id).collectList()
                .map(files -> JobViews.detail(job, files, jobs)));
    }

    @GetMapping
    Mono<JobViews.Page> list(@RequestParam(required = false) String status,
            @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        JobStatus wanted = null;
        if (status != null) {
            try {
                wanted = JobStatus.fromWire(status);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("status", "must be one of queued, processing, retrying, completed, "
                        + "failed, cancelled");
            }
        }
        int size = DEFAULT_PAGE;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit);
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_PAGE) {
                throw new InvalidRequest("limit", "must be an integer from 1 to " + MAX_PAGE);
            }
        }
        try {
            return jobs.list(wanted, size, cursor)
                    .map(page -> new JobViews.Page(page.jobs().stream().map(JobViews::summary).toList(),
                            page.nextCursor()));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("cursor", "is not a cursor from a previous page");
        }
    }

    @DeleteMapping("/{jobId}")
    Mono<ResponseEntity<Void>> delete(@PathVariable String jobId) {
        return jobs.delete(jobId(jobId)).then(Mono.just(ResponseEntity.noContent().<Void>build()));
    }

    private static UUID jobId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("job_id", "must be a UUID");
        }
    }
}
