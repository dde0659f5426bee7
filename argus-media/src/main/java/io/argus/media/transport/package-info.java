/**
 * Netty transport selection: io_uring where the kernel allows it, else epoll, else NIO.
 *
 * <p>Layer: argus-media. May import Netty transports and the JDK.
 */
package io.argus.media.transport;
