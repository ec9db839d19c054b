package dev.ferry.job;

import java.util.UUID;

/** No job has this ID (it never existed or was deleted). */
public final class JobNotFound extends RuntimeException {

    public JobNotFound(UUID id) {
        super("no job " + id);
    }
}
