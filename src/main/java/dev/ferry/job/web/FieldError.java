package dev.ferry.job.web;

/** One thing wrong with a request: where ({@code files[2].url}, or a header or parameter name) and why. */
record FieldError(String field, String reason) {
}
