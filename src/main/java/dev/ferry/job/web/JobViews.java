package dev.ferry.job.web;

import dev.ferry.job.Job;
import dev.ferry.job.JobFile;
import dev.ferry.job.JobService;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The JSON shapes of the job API (snake_case on the wire). */
final class JobViews {

    private JobViews() {
    }

    /** The answer to POST: where to follow the job. */
    record Accepted(UUID jobId, String status, String estimatedDuration, String statusUrl, String websocketUrl,
            String eventsUrl) {
    }

    /** GET of one job: everything, with presigned links made at this moment. */
    record Detail(UUID jobId, String status, String priority, double progress, int filesProcessed, int totalFiles,
            long bytesDone, long bytesTotal, int attempts, int maxAttempts, String downloadUrl, List<FileView> files,
            String error, Instant createdAt, Instant updatedAt, Instant finishedAt) {
    }

    /** One file of a job. */
    record FileView(String name, String status, long bytesDone, Long bytesTotal, String sha256, String downloadUrl,
            String error) {
    }

    /** A job in the list (without its files). */
    record Summary(UUID jobId, String status, String priority, double progress, int filesProcessed, int totalFiles,
            long bytesDone, long bytesTotal, int attempts, String error, Instant createdAt, Instant updatedAt,
            Instant finishedAt) {
    }

    /** A page of the list. */
    record Page(List<Summary> jobs, String nextCursor) {
    }

    static Detail detail(Job job, List<JobFile> files, JobService service) {
        List<FileView> views = files.stream()
                .map(f -> new FileView(f.name(), f.status().wire(), f.bytesDone(), f.bytesTotal(), f.sha256(),
                        service.downloadUrl(f), f.error()))
                .toList();
        double progress = job.status().isTerminal() ? 1.0
                : files.stream().mapToDouble(JobFile::progress).sum() / job.totalFiles();
        String downloadUrl = views.size() == 1 ? views.get(0).downloadUrl() : null;
        return new Detail(job.id(), job.status().wire(), job.priority().wire(), round(progress), job.filesProcessed(),
                job.totalFiles(), job.bytesDone(), job.bytesTotal(), job.attempt(), job.maxAttempts(), downloadUrl,
                views, job.error(), job.createdAt(), job.updatedAt(), job.finishedAt());
    }

    static Summary summary(Job job) {
        double progress = job.status().isTerminal() ? 1.0 : (double) job.filesProcessed() / job.totalFiles();
        return new Summary(job.id(), job.status().wire(), job.priority().wire(), round(progress),
                job.filesProcessed(), job.totalFiles(), job.bytesDone(), job.bytesTotal(), job.attempt(), job.error(),
                job.createdAt(), job.updatedAt(), job.finishedAt());
    }

    private static double round(double progress) {
        return Math.round(Math.min(1.0, Math.max(0.0, progress)) * 10_000) / 10_000.0;
    }
}
