package dev.ferry.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * A real HTTP origin for tests (Reactor Netty on loopback) serving generated content, failing on demand.
 *
 * <p>{@code GET /bytes/{size}?seed=S} serves {@link Content} of that size, with these optional parameters:
 * {@code status=404} always answers that status; {@code fail=503x2} answers 503 to the first two requests of that exact
 * URI; {@code cut=N} closes the connection after N bytes on the first request only; {@code stall=MS} sends one chunk,
 * then nothing for MS, on the first request only; {@code slow=MS} waits MS between
 * chunks; {@code chunked=true} sends no Content-Length; {@code announce=N} claims a Content-Length of N and sends nothing. {@code GET /ids/{id}} serves 1000+id bytes of seed id.
 */
public final class OriginServer {

    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final LoopResources loops;
    private final DisposableServer server;

    public OriginServer() {
        // Loops of its own: Spring disposes Reactor Netty's global loops whenever a Ferry context closes.
        this.loops = LoopResources.create("test-origin", 2, true);
        this.server = HttpServer.create()
                .runOn(loops)
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes
                        .get("/bytes/{size}", this::bytes)
                        .get("/ids/{id}", this::byId))
                .bindNow();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The URL of generated content with the given query (e.g. {@code "fail=503x2"}); a unique tag keeps URIs apart. */
    public String url(long size, long seed, String query) {
        return baseUrl() + "/bytes/" + size + "?seed=" + seed + (query == null || query.isEmpty() ? "" : "&" + query);
    }

    /** How many requests this exact path-and-query received. */
    public int hits(String url) {
        String uri = url.substring(baseUrl().length());
        AtomicInteger count = hits.get(uri);
        return count == null ? 0 : count.get();
    }

    public void stop() {
        server.disposeNow();
        loops.dispose();
    }

    private Publisher<Void> byId(HttpServerRequest request, HttpServerResponse response) {
        long id = Long.parseLong(request.param("id"));
        hits.computeIfAbsent(request.uri(), k -> new AtomicInteger()).incrementAndGet();
        long size = 1000 + id;
        response.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size));
        return response.send(body(id, size, size, 0));
    }

    private Publisher<Void> bytes(HttpServerRequest request, HttpServerResponse response) {
        long size = Long.parseLong(request.param("size"));
        int hit = hits.computeIfAbsent(request.uri(), k -> new AtomicInteger()).incrementAndGet();
        Map<String, List<String>> query = new QueryStringDecoder(request.uri()).parameters();
        long seed = Long.parseLong(first(query, "seed", "1"));
        String status = first(query, "status", null);
        if (status != null) {
            return response.status(Integer.parseInt(status)).send();
        }
        String fail = first(query, "fail", null);
        if (fail != null) {
            String[] spec = fail.split("x");
            if (hit <= Integer.parseInt(spec[1])) {
                return response.status(HttpResponseStatus.valueOf(Integer.parseInt(spec[0]))).send();
            }
        }
        long cut = Long.parseLong(first(query, "cut", "-1"));
        long slow = Long.parseLong(first(query, "slow", "0"));
        boolean chunked = Boolean.parseBoolean(first(query, "chunked", "false"));
        String announce = first(query, "announce", null);
        if (announce != null) {
            response.header(HttpHeaderNames.CONTENT_LENGTH, announce);
            return response.send(body(seed, size, 0, 0)).then();
        }
        if (!chunked) {
            response.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(size));
        }
        long stall = Long.parseLong(first(query, "stall", "0"));
        if (stall > 0 && hit == 1) {
            Flux<ByteBuf> stalled = body(seed, size, Content.CHUNK, 0)
                    .concatWith(Mono.delay(Duration.ofMillis(stall)).thenMany(body(seed, size, size, 0).skip(1)));
            return response.send(stalled);
        }
        if (cut >= 0 && hit == 1) {
            return response.send(body(seed, size, cut, slow)
                    .concatWith(Flux.error(new IOException("connection cut by test origin"))));
        }
        return response.send(body(seed, size, size, slow));
    }

    private static Flux<ByteBuf> body(long seed, long size, long upTo, long slowMs) {
        long chunks = Content.chunks(Math.min(size, upTo));
        Flux<ByteBuf> body = Flux.range(0, (int) chunks).map(i -> {
            byte[] chunk = Content.chunk(seed, size, i);
            long start = (long) i * Content.CHUNK;
            int length = (int) Math.min(chunk.length, upTo - start);
            return Unpooled.wrappedBuffer(chunk, 0, length);
        });
        return slowMs > 0 ? body.delayElements(Duration.ofMillis(slowMs)) : body;
    }

    private static String first(Map<String, List<String>> query, String name, String fallback) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? fallback : values.get(0);
    }
}
