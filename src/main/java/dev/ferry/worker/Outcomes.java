package dev.ferry.worker;

import dev.ferry.job.Job;
import dev.ferry.job.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Decides how an attempt ends, in this one method, from the job as claimed and what happened to its files. */
final class Outcomes {

    private static final int NAMED_FAILURES = 10;

    private Outcomes() {
    }

    /**
     * @param job the job as claimed (its counters are those of earlier attempts)
     * @param results what this attempt did to each pending file
     * @param earlierFailures names and errors of files that failed for good in earlier attempts
     */
    static Outcome decide(Job job, List<FileResult> results, List<FileResult.Failed> earlierFailures,
            Backoff backoff) {
        List<FileResult.Failed> transients = new ArrayList<>();
        List<FileResult.Failed> failures = new ArrayList<>(earlierFailures);
        long storedNow = 0;
        for (FileResult result : results) {
            if (result instanceof FileResult.Failed failed) {
                failures.add(failed);
                if (failed.transientError()) {
                    transients.add(failed);
                }
            } else {
                storedNow++;
            }
        }
        if (!transients.isEmpty() && job.attemptsLeft()) {
            return new Outcome.RetryAfter(backoff.after(job.attempt()),
                    "attempt " + job.attempt() + " of " + job.maxAttempts() + ": " + name(transients, job.totalFiles())
                            + "; retrying");
        }
        long stored = job.filesDone() + storedNow;
        if (failures.isEmpty()) {
            return new Outcome.Completed(null);
        }
        String what = name(failures, job.totalFiles());
        if (!transients.isEmpty()) {
            what += " (after " + job.attempt() + " attempts)";
        }
        return stored == 0 ? new Outcome.Failed(what) : new Outcome.Completed(what);
    }

    private static String name(List<FileResult.Failed> failures, int total) {
        String named = failures.stream().limit(NAMED_FAILURES)
                .map(f -> f.name() + " (" + f.error() + ")")
                .collect(Collectors.joining(", "));
        String more = failures.size() > NAMED_FAILURES ? ", and " + (failures.size() - NAMED_FAILURES) + " more" : "";
        return failures.size() + " of " + total + " files failed: " + named + more;
    }
}
