package dev.ferry.worker;

/** How one file fared in one attempt. */
sealed interface FileResult {

    String name();

    /** Stored whole. */
    record Stored(String name) implements FileResult {
    }

    /** Not stored; {@code transientError} says whether another attempt may succeed. */
    record Failed(String name, String error, boolean transientError) implements FileResult {
    }
}
