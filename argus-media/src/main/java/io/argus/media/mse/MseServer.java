package io.argus.media.mse;

import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/** Starts live MSE feeds on a few event loops of its own (never the network's). */
public final class MseServer implements AutoCloseable {
    /** Two loops: a feed's work per unit is one moof header, so one thread serves hundreds of viewers. */
    public static final int DEFAULT_THREADS = 2;

    private final EventLoopGroup loops;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    public MseServer(int threads) {
        this.loops = new DefaultEventLoopGroup(threads, new DefaultThreadFactory("argus-mse", true));
    }

    /** Starts feeding {@code sink} from {@code stream}; close the result when the viewer leaves. */
    public StreamToMse open(Stream stream, MseSink sink) {
        StreamToMse feed = new StreamToMse(stream, sink, alloc);
        feed.start(loops.next());
        return feed;
    }

    @Override
    public void close() {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
