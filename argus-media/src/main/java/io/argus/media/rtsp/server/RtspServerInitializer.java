package io.argus.media.rtsp.server;

import io.argus.media.rtsp.RtspDecoder;
import io.argus.media.rtsp.RtspEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The server's pipeline per connection, in order: bytes → messages and frames → the connection's state machine. */
final class RtspServerInitializer extends ChannelInitializer<Channel> {
    private final RtspServer server;

    RtspServerInitializer(RtspServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(Channel ch) {
        server.register(ch);
        RtspServerConnection connection = new RtspServerConnection(server);
        ch.pipeline()
                .addLast("rtsp-decoder", new RtspDecoder(connection))
                .addLast("rtsp-encoder", RtspEncoder.INSTANCE)
                .addLast("rtsp-server", connection);
    }
}
