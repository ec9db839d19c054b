package dev.ferry.job.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The origin that resolves {@code file_ids} ({@code ferry.origin.*}).
 *
 * @param urlTemplate the URL of a file by ID, e.g. {@code http://files.internal/files/{id}}; without it, requests
 *     with {@code file_ids} are refused (400)
 */
@ConfigurationProperties("ferry.origin")
public record OriginProperties(String urlTemplate) {

    public OriginProperties {
        urlTemplate = urlTemplate == null || urlTemplate.isBlank() ? null : urlTemplate;
        if (urlTemplate != null && !urlTemplate.contains("{id}")) {
            throw new IllegalArgumentException("ferry.origin.url-template must contain {id}, got " + urlTemplate);
        }
    }

    /** The URL of the file with this ID; only when a template is configured. */
    String urlOf(String id) {
        return urlTemplate.replace("{id}", id);
    }
}
