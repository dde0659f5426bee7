package io.argus.media.rtsp.client;

import io.argus.media.rtsp.RtspDecoder;
import io.argus.media.rtsp.RtspEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;

/** The client's pipeline, in order: bytes → messages and interleaved frames → the attempt's connection. */
final class RtspClientInitializer extends ChannelInitializer<Channel> {
    private final RtspClientConnection connection;

    RtspClientInitializer(RtspClientConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.pipeline()
                .addLast("rtsp-decoder", new RtspDecoder(connection))
                .addLast("rtsp-encoder", RtspEncoder.INSTANCE)
                .addLast("rtsp-client", connection);
    }
}
