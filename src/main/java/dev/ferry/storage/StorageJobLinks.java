package dev.ferry.storage;

import dev.ferry.job.JobStorage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Gives the job feature its links and its clean-up, through the one S3 gateway. */
@Component
final class StorageJobLinks implements JobStorage {

    private final ObjectStore store;

    StorageJobLinks(ObjectStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public String presignDownload(String key, String fileName, Duration expiry) {
        return store.presignDownload(key, fileName, expiry);
    }

    @Override
    public Mono<Void> discard(List<StoredPart> leftovers) {
        Mono<Void> aborts = Flux.fromIterable(leftovers)
                .filter(p -> p.uploadId() != null)
                .flatMap(p -> store.abortUpload(p.key(), p.uploadId()), 8)
                .then();
        List<String> keys = leftovers.stream().map(StoredPart::key).distinct().toList();
        return aborts.then(store.delete(keys));
    }
}
