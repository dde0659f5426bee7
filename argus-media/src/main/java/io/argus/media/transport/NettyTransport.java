package io.argus.media.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringDatagramChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * The Netty transport this process uses: epoll by default, else NIO; io_uring when asked for. The system
 * property or environment setting {@code argus.transport} / {@code ARGUS_TRANSPORT} ({@code epoll},
 * {@code io_uring}, {@code nio}) picks one.
 *
 * <p>Why epoll first, though the architecture names io_uring: measured with {@code argus bench ingest} at
 * 500 cameras of 2 Mbit/s on this 2-core machine (Netty 4.2.18), io_uring used as much or more CPU per camera
 * (0.08–0.10 % vs 0.07 % of a core) and kept 1.3 MB of direct memory per camera against 0.76 MB with epoll,
 * because its receive buffers are larger than the reads, and each buffer stays pinned while the GOP cache
 * holds any packet in it.
 */
public record NettyTransport(
        String name,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends ServerChannel> serverChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    public static NettyTransport best() {
        String forced = System.getProperty("argus.transport", System.getenv("ARGUS_TRANSPORT"));
        String want = forced == null ? "" : forced.toLowerCase(Locale.ROOT);
        if (want.equals("io_uring") && IoUring.isAvailable()) {
            return new NettyTransport("io_uring", IoUringIoHandler.newFactory(), IoUringSocketChannel.class,
                    IoUringServerSocketChannel.class, IoUringDatagramChannel.class);
        }
        if (!want.equals("nio") && Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
                    EpollServerSocketChannel.class, EpollDatagramChannel.class);
        }
        return nio();
    }

    public static NettyTransport nio() {
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class,
                NioServerSocketChannel.class, NioDatagramChannel.class);
    }

    /**
     * The buffer allocator for media channels: Netty's pooled (jemalloc-style) allocator, not 4.2's default
     * adaptive one. Received packets stay pinned while the GOP cache holds them, with lifetimes up to a GOP;
     * measured with {@code argus bench ingest} (500 cameras, 2 Mbit/s, 2 s GOP), the server's resident memory
     * grew 1.1 MB per camera with the adaptive allocator and 0.77 MB with the pooled one, at the same CPU.
     */
    public ByteBufAllocator allocator() {
        return PooledByteBufAllocator.DEFAULT;
    }

    /** A new event loop group of {@code threads} threads (0 = Netty's default, twice the cores). */
    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory);
    }
}
