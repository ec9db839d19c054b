package dev.ferry.job;

import java.util.List;

/** One page of the newest-first job list, and the cursor of the next page (null on the last). */
public record JobPage(List<Job> jobs, String nextCursor) {
}
