package dev.ferry.transfer;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.reactivestreams.Publisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Fetches a source over HTTP(S) with the Reactor Netty client and hands its body on as {@link Part}s, digested while
 * they stream. Demand flows back to the socket: when nobody asks for parts, nothing more is read.
 */
@Component
public final class SourceFetcher {

    private final HttpClient client;
    private final int idlePartBuffers;
    private volatile PartBuffers buffers;

    SourceFetcher(TransferProperties properties) {
        this.idlePartBuffers = properties.idlePartBuffers();
        ConnectionProvider pool = ConnectionProvider.builder("ferry-sources")
                .maxConnections(properties.maxConnections())
                .pendingAcquireMaxCount(-1)
                .maxIdleTime(java.time.Duration.ofSeconds(30))
                .build();
        this.client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
                .responseTimeout(properties.idleTimeout())
                .followRedirect(true)
                .headers(h -> h.set(HttpHeaderNames.USER_AGENT, properties.userAgent()));
    }

    /**
     * Requests {@code url} and, on a 2xx answer, calls {@code use} with the body cut into parts of {@code partSize}.
     * Any other answer fails with {@link SourceStatus}; a body shorter than announced fails with
     * {@link IncompleteBody}.
     */
    public <T> Flux<T> fetch(String url, int partSize, Function<SourceBody, Publisher<T>> use) {
        Objects.requireNonNull(use, "use");
        return client.get().uri(url).response((response, body) -> {
            int status = response.status().code();
            if (status < 200 || status > 299) {
                return Flux.error(new SourceStatus(status));
            }
            String length = response.responseHeaders().get(HttpHeaderNames.CONTENT_LENGTH);
            Long declared = length == null ? null : Long.valueOf(length);
            if (declared != null && declared > (long) PartAssembler.MAX_PARTS * partSize) {
                return Flux.error(new TooLarge(partSize));
            }
            PartAssembler assembler = new PartAssembler(buffers(partSize), declared);
            Flux<Part> parts = body
                    .<List<Part>>handle((buf, sink) -> {
                        List<Part> ready = assembler.accept(buf);
                        if (!ready.isEmpty()) {
                            sink.next(ready);
                        }
                    })
                    .concatWith(Flux.defer(() -> Flux.just(assembler.finish())))
                    .concatMapIterable(Function.identity(), 1);
            return use.apply(new SourceBody(declared, parts));
        });
    }

    /** The buffer pool for this part size (the part size is fixed by configuration, so in practice one pool). */
    private PartBuffers buffers(int partSize) {
        PartBuffers current = buffers;
        if (current == null || current.partSize() != partSize) {
            synchronized (this) {
                current = buffers;
                if (current == null || current.partSize() != partSize) {
                    current = new PartBuffers(partSize, idlePartBuffers);
                    buffers = current;
                }
            }
        }
        return current;
    }

    /** A source's body: its announced length (null when not announced) and its parts, the last with a summary. */
    public record SourceBody(Long declaredLength, Flux<Part> parts) {
    }
}
