package io.argus.media.rtsp.server;

import io.argus.media.rtsp.RtspDecoder;
import io.argus.media.rtsp.RtspEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;

/**
 * The server's pipeline per connection, in order: TLS (on the RTSPS port) → bytes → messages and frames → the
 * connection's state machine.
 */
final class RtspServerInitializer extends ChannelInitializer<Channel> {
    private final RtspServer server;
    private final SslContext tls;

    /** @param tls the RTSPS context, or null on the plain RTSP port */
    RtspServerInitializer(RtspServer server, SslContext tls) {
        this.server = server;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        server.register(ch);
        RtspServerConnection connection = new RtspServerConnection(server, tls != null);
        if (tls != null) {
            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
        }
        ch.pipeline()
                .addLast("rtsp-decoder", new RtspDecoder(connection))
                .addLast("rtsp-encoder", RtspEncoder.INSTANCE)
                .addLast("rtsp-server", connection);
    }
}
