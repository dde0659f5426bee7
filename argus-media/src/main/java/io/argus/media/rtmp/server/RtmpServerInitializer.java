package io.argus.media.rtmp.server;

import io.argus.media.rtmp.RtmpHandshake;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;

/**
 * The server's pipeline per connection, in order: TLS (on the RTMPS port) → the handshake (removes itself when
 * done) → chunks into messages → the connection's state machine.
 */
final class RtmpServerInitializer extends ChannelInitializer<Channel> {
    private final RtmpServer server;
    private final SslContext tls;

    /** @param tls the RTMPS context, or null on the plain RTMP port */
    RtmpServerInitializer(RtmpServer server, SslContext tls) {
        this.server = server;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        server.register(ch);
        RtmpServerConnection connection = new RtmpServerConnection(server);
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("rtmp-handshake", new RtmpHandshake())
                .addLast("rtmp-chunks", connection.decoder())
                .addLast("rtmp-server", connection);
    }
}
