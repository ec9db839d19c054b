package dev.ferry.job;

import java.util.Objects;

/** A file as requested: its source URL, the name it is stored under, and optionally its expected SHA-256 (hex). */
public record NewFile(String url, String name, String expectedSha256) {

    public NewFile {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
    }
}
