package io.argus.media.transport;

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
 * The Netty transport this process uses, picked once: io_uring, then epoll, then NIO. The system property or
 * environment setting {@code argus.transport} / {@code ARGUS_TRANSPORT} ({@code io_uring}, {@code epoll},
 * {@code nio}) forces one, for benchmarks and for kernels where io_uring is disallowed.
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
        if ((want.isEmpty() || want.equals("io_uring")) && IoUring.isAvailable()) {
            return new NettyTransport("io_uring", IoUringIoHandler.newFactory(), IoUringSocketChannel.class,
                    IoUringServerSocketChannel.class, IoUringDatagramChannel.class);
        }
        if ((want.isEmpty() || want.equals("epoll") || want.equals("io_uring")) && Epoll.isAvailable()) {
            return new NettyTransport("epoll", EpollIoHandler.newFactory(), EpollSocketChannel.class,
                    EpollServerSocketChannel.class, EpollDatagramChannel.class);
        }
        return nio();
    }

    public static NettyTransport nio() {
        return new NettyTransport("nio", NioIoHandler.newFactory(), NioSocketChannel.class,
                NioServerSocketChannel.class, NioDatagramChannel.class);
    }

    /** A new event loop group of {@code threads} threads (0 = Netty's default, twice the cores). */
    public EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
        return new MultiThreadIoEventLoopGroup(threads, threadFactory, ioHandlerFactory);
    }
}
