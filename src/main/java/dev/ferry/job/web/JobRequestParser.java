package dev.ferry.job.web;

import dev.ferry.job.JobProperties;
import dev.ferry.job.NewFile;
import dev.ferry.job.NewJob;
import dev.ferry.job.Priority;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.web.util.UriUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a create-job body into a {@link NewJob}, or reports every problem found as {@link FieldError}s. Strict on
 * purpose: unknown fields, wrong types and out-of-range values are errors, never silently ignored or coerced.
 */
final class JobRequestParser {

    private static final Set<String> TOP_FIELDS = Set.of("file_ids", "files", "callback_url", "priority",
            "max_attempts");
    private static final Set<String> FILE_FIELDS = Set.of("url", "name", "sha256");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    private static final int MAX_NAME = 255;
    private static final int MAX_ERRORS = 50;

    private final ObjectMapper json;
    private final ApiProperties api;
    private final OriginProperties origin;
    private final JobProperties jobs;

    JobRequestParser(ObjectMapper json, ApiProperties api, OriginProperties origin, JobProperties jobs) {
        this.json = json;
        this.api = api;
        this.origin = origin;
        this.jobs = jobs;
    }

    NewJob parse(byte[] body, String idempotencyKey) {
        Errors errors = new Errors();
        if (idempotencyKey != null && !IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
            errors.add("Idempotency-Key", "must be 1 to 255 visible ASCII characters");
        }
        JsonNode root = read(body);
        if (!root.isObject()) {
            throw new InvalidRequest("body", "must be a JSON object");
        }
        for (String name : root.propertyNames()) {
            if (!TOP_FIELDS.contains(name)) {
                errors.add(name, "unknown field");
            }
        }
        List<NewFile> files = files(root, errors);
        String callback = optionalText(root, "callback_url", errors);
        if (callback != null) {
            checkUrl("callback_url", callback, errors);
        }
        Priority priority = Priority.NORMAL;
        String priorityText = optionalText(root, "priority", errors);
        if (priorityText != null) {
            priority = Priority.fromWire(priorityText);
            if (priority == null) {
                errors.add("priority", "must be one of high, normal, low");
                priority = Priority.NORMAL;
            }
        }
        int maxAttempts = jobs.defaultMaxAttempts();
        JsonNode attempts = present(root, "max_attempts");
        if (attempts != null) {
            if (!attempts.isIntegralNumber() || !attempts.canConvertToInt() || attempts.intValue() < 1
                    || attempts.intValue() > 20) {
                errors.add("max_attempts", "must be an integer from 1 to 20");
            } else {
                maxAttempts = attempts.intValue();
            }
        }
        errors.throwIfAny();
        String hash = idempotencyKey == null ? null : fingerprint(files, callback, priority, maxAttempts);
        return new NewJob(files, callback, priority, maxAttempts, idempotencyKey, hash);
    }

    private JsonNode read(byte[] body) {
        if (body.length == 0) {
            throw new InvalidRequest("body", "is empty; a JSON object is required");
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidRequest("body", "is not valid JSON" + where);
        }
    }

    private List<NewFile> files(JsonNode root, Errors errors) {
        JsonNode ids = present(root, "file_ids");
        JsonNode files = present(root, "files");
        if (ids != null && files != null) {
            errors.add("files", "give either file_ids or files, not both");
            return List.of();
        }
        if (ids == null && files == null) {
            errors.add("files", "is required (or file_ids)");
            return List.of();
        }
        String field = ids != null ? "file_ids" : "files";
        JsonNode list = ids != null ? ids : files;
        if (!list.isArray()) {
            errors.add(field, "must be an array");
            return List.of();
        }
        if (list.isEmpty()) {
            errors.add(field, "must hold at least one file");
            return List.of();
        }
        if (list.size() > jobs.maxFiles()) {
            errors.add(field, "must hold at most " + jobs.maxFiles() + " files, got " + list.size());
            return List.of();
        }
        if (ids != null && origin.urlTemplate() == null) {
            errors.add("file_ids", "no origin is configured to resolve file IDs (ferry.origin.url-template); "
                    + "give files with URLs instead");
            return List.of();
        }
        List<NewFile> parsed = new ArrayList<>(list.size());
        for (int i = 0; i < list.size() && !errors.full(); i++) {
            NewFile file = ids != null ? fileId(list.get(i), "file_ids[" + i + "]", errors)
                    : fileEntry(list.get(i), "files[" + i + "]", i, errors);
            if (file != null) {
                parsed.add(file);
            }
        }
        return parsed;
    }

    private NewFile fileId(JsonNode id, String field, Errors errors) {
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            errors.add(field, "must be an integer");
            return null;
        }
        if (id.longValue() < 0) {
            errors.add(field, "must not be negative");
            return null;
        }
        String text = Long.toString(id.longValue());
        return new NewFile(origin.urlOf(text), text, null);
    }

    private NewFile fileEntry(JsonNode entry, String field, int index, Errors errors) {
        if (!entry.isObject()) {
            errors.add(field, "must be an object with url, and optionally name and sha256");
            return null;
        }
        for (String name : entry.propertyNames()) {
            if (!FILE_FIELDS.contains(name)) {
                errors.add(field + "." + name, "unknown field");
            }
        }
        String url = optionalText(entry, "url", errors, field + ".url");
        if (url == null) {
            errors.add(field + ".url", "is required");
            return null;
        }
        URI uri = checkUrl(field + ".url", url, errors);
        String name = optionalText(entry, "name", errors, field + ".name");
        if (name != null) {
            String problem = nameProblem(name);
            if (problem != null) {
                errors.add(field + ".name", problem);
            }
        } else {
            name = nameFrom(uri, index);
        }
        String sha = optionalText(entry, "sha256", errors, field + ".sha256");
        if (sha != null && !SHA256.matcher(sha).matches()) {
            errors.add(field + ".sha256", "must be 64 hexadecimal characters");
            sha = null;
        }
        return uri == null ? null : new NewFile(url, name, sha == null ? null : sha.toLowerCase(Locale.ROOT));
    }

    private URI checkUrl(String field, String url, Errors errors) {
        if (url.length() > api.maxUrlLength()) {
            errors.add(field, "must be at most " + api.maxUrlLength() + " characters");
            return null;
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                errors.add(field, "must be an http or https URL");
                return null;
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                errors.add(field, "must name a host");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            errors.add(field, "is not a valid URL: " + e.getReason());
            return null;
        }
    }

    /** Why a name cannot be a stored file's name, or null when it can. */
    private static String nameProblem(String name) {
        if (name.isEmpty() || name.length() > MAX_NAME) {
            return "must be 1 to " + MAX_NAME + " characters";
        }
        if (name.equals(".") || name.equals("..") || name.chars().anyMatch(c -> c == '/' || c == '\\' || c < 0x20
                || c == 0x7F)) {
            return "must be a plain file name (no slashes, no control characters, not . or ..)";
        }
        return null;
    }

    /** The last path segment of the URL, made safe; {@code file-<n>} when there is none. */
    private static String nameFrom(URI uri, int index) {
        String fallback = "file-" + (index + 1);
        if (uri == null || uri.getRawPath() == null) {
            return fallback;
        }
        String path = uri.getRawPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        String decoded;
        try {
            // A path segment: %XX escapes only ('+' is a plus here, unlike in form data).
            decoded = UriUtils.decode(last, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = last;
        }
        StringBuilder safe = new StringBuilder();
        decoded.codePoints().forEach(c -> safe.appendCodePoint(c == '/' || c == '\\' || c < 0x20 || c == 0x7F ? '_' : c));
        String name = safe.length() > MAX_NAME ? safe.substring(0, MAX_NAME) : safe.toString();
        return nameProblem(name) == null ? name : fallback;
    }

    private static JsonNode present(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private static String optionalText(JsonNode node, String field, Errors errors) {
        return optionalText(node, field, errors, field);
    }

    private static String optionalText(JsonNode node, String field, Errors errors, String path) {
        JsonNode value = present(node, field);
        if (value == null) {
            return null;
        }
        if (!value.isString()) {
            errors.add(path, "must be a string");
            return null;
        }
        return value.stringValue();
    }

    /** A digest of what the job is, independent of JSON spelling (whitespace, key order, defaults). */
    private static String fingerprint(List<NewFile> files, String callback, Priority priority, int maxAttempts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            StringBuilder line = new StringBuilder();
            line.append(callback).append('\u0000').append(priority.wire()).append('\u0000').append(maxAttempts);
            digest.update(line.toString().getBytes(StandardCharsets.UTF_8));
            for (NewFile file : files) {
                String entry = "\n" + file.url() + '\u0000' + file.name() + '\u0000' + file.expectedSha256();
                digest.update(entry.getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Collects field errors, up to a limit, so one answer lists them all. */
    private static final class Errors {
        private final List<FieldError> list = new ArrayList<>();

        void add(String field, String reason) {
            if (!full()) {
                list.add(new FieldError(field, reason));
            }
        }

        boolean full() {
            return list.size() >= MAX_ERRORS;
        }

        void throwIfAny() {
            if (!list.isEmpty()) {
                throw new InvalidRequest(list);
            }
        }
    }
}
