package io.argus.media.hls;

import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The node's LL-HLS muxers, one per camera that someone watches: created by the first request, stopped when the
 * stream ends or nobody asked for {@link LlHlsSettings#idleTimeout()}. Muxers are spread over a few event loops
 * of this server's own.
 */
public final class LlHlsServer implements AutoCloseable {
    /**
     * Two loops: a muxer's work per unit is a few dozen bytes of box headers and a list append, so one thread
     * carries hundreds of cameras; the second keeps one busy camera (a burst of blocked requests) from delaying
     * every other.
     */
    public static final int DEFAULT_THREADS = 2;

    private final LlHlsSettings settings;
    private final EventLoopGroup loops;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final ConcurrentHashMap<String, LlHlsMuxer> muxers = new ConcurrentHashMap<>();

    public LlHlsServer(LlHlsSettings settings, int threads) {
        this.settings = settings;
        this.loops = new DefaultEventLoopGroup(threads, new DefaultThreadFactory("argus-hls", true));
    }

    /** The muxer of {@code camera}'s current {@code stream}, started now if there is none (or an older one). */
    public LlHlsMuxer muxer(String camera, Stream stream) {
        for (;;) {
            LlHlsMuxer m = muxers.get(camera);
            if (m != null && m.stream() == stream && !m.isStopped()) {
                return m;
            }
            LlHlsMuxer created = new LlHlsMuxer(camera, stream, loops.next(), settings, alloc, this::removed);
            if (m == null ? muxers.putIfAbsent(camera, created) == null : muxers.replace(camera, m, created)) {
                if (m != null) {
                    m.stop("the camera has a new stream");
                }
                created.start();
                return created;
            }
        }
    }

    private void removed(LlHlsMuxer m) {
        muxers.remove(m.name(), m);
    }

    /** The running muxer of {@code camera}, if any. */
    public Optional<LlHlsMuxer> find(String camera) {
        return Optional.ofNullable(muxers.get(camera));
    }

    public int muxerCount() {
        return muxers.size();
    }

    public LlHlsSettings settings() {
        return settings;
    }

    /** Stops every muxer (releasing their windows) and the loops. */
    @Override
    public void close() {
        for (LlHlsMuxer m : muxers.values()) {
            m.stop("the server is stopping");
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
