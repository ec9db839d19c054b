package dev.ferry.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An in-process S3-compatible server (s3proxy) over a directory on disk, with real SigV4 authentication so that
 * presigned URLs are checked exactly as a real store would check them. Shared per directory ({@link SharedServers}).
 */
final class EmbeddedS3Server {

    static final String ACCESS_KEY = "ferry";
    static final String SECRET_KEY = "ferry-embedded-secret";
    static final String REGION = "us-east-1";

    private static final SharedServers<EmbeddedS3Server> SHARED = new SharedServers<>(EmbeddedS3Server::close);

    private final Path directory;
    private final S3Proxy proxy;

    private EmbeddedS3Server(Path directory, S3Proxy proxy) {
        this.directory = directory;
        this.proxy = proxy;
    }

    static EmbeddedS3Server acquire(Path directory, String host, int port, String bucket) {
        return SHARED.acquire(directory, dir -> new EmbeddedS3Server(dir, start(dir, host, port, bucket)));
    }

    static void release(Path directory) {
        SHARED.release(directory);
    }

    private static S3Proxy start(Path directory, String host, int port, String bucket) {
        try {
            Files.createDirectories(directory);
            BlobStore store = new FilesystemNio2BlobStore(directory.toString());
            if (!store.containerExists(bucket)) {
                store.createContainer(bucket);
            }
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(store)
                    .endpoint(URI.create("http://" + host + ":" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                    .build();
            proxy.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare embedded S3 store in " + directory, e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start embedded S3 server on " + host + ":" + port, e);
        }
    }

    int port() {
        return proxy.getPort();
    }

    private void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop embedded S3 server over " + directory, e);
        }
    }
}
