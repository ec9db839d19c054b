package dev.ferry.support;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * The few blocking calls BlockHound may allow, each outside any request or transfer path. Every entry says why.
 */
public final class KnownBlockingCalls implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // The AWS SDK's Netty client, when closed at shutdown, waits for each pooled channel to close on Netty's
        // global executor. Shutdown only; never on a request.
        builder.allowBlockingCallsInside("io.netty.channel.pool.SimpleChannelPool", "close");
        // Netty 4.2's adaptive buffer allocator guards its magazines with a StampedLock held for a few instructions;
        // under contention the event loop parks for that long. Netty's own allocator, not a wait on I/O.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
    }
}
