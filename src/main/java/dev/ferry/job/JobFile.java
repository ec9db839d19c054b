package dev.ferry.job;

/** One file of a job: where it comes from, what it is called, and how far it got. */
public record JobFile(
        int index,
        String url,
        String name,
        String expectedSha256,
        FileStatus status,
        long bytesDone,
        Long bytesTotal,
        String sha256,
        String storageKey,
        String uploadId,
        String error) {

    /** Progress of this file in 0..1; files of unknown size count as 0 until done. */
    public double progress() {
        if (status == FileStatus.DONE || status == FileStatus.FAILED || status == FileStatus.SKIPPED) {
            return 1.0;
        }
        if (bytesTotal == null || bytesTotal == 0) {
            return 0.0;
        }
        return Math.min(1.0, (double) bytesDone / bytesTotal);
    }
}
