package io.argus.media.rtmp.server;

import io.argus.media.codec.amf.Amf0;
import io.argus.media.codec.amf.AmfException;
import io.argus.media.path.AccessGrant;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import io.argus.media.rtmp.RtmpChunkDecoder;
import io.argus.media.rtmp.RtmpChunkWriter;
import io.argus.media.rtmp.RtmpMessageType;
import io.argus.media.rtmp.RtmpProtocolException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMP connection, the server side of a publisher (§7.2): connect, releaseStream/FCPublish, createStream,
 * publish (authorized by the {@link RtmpAuthenticator}, then the path is claimed as RTSP ANNOUNCE claims it),
 * onMetaData, audio and video into {@link RtmpToStream}, and FCUnpublish/deleteStream or a disconnect to end. A
 * refused publish gets an error onStatus ({@code NetStream.Publish.BadName}) and the connection is closed: ffmpeg
 * then exits non-zero, OBS shows the description. Playback is refused the same way. Everything runs on the
 * connection's event loop.
 */
final class RtmpServerConnection extends ChannelInboundHandlerAdapter implements RtmpChunkDecoder.MessageHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpServerConnection.class);

    /**
     * Our chunk size: 4 KiB, as OBS and nginx-rtmp use. Only commands go this way, so it matters little, but the
     * connect answer is over the default 128 bytes and one chunk is simpler for peers.
     */
    static final int CHUNK_SIZE = 4096;

    /** Window acknowledgement size and peer bandwidth told to the peer: 2.5 MB, as nginx-rtmp and MediaMTX. */
    static final long WINDOW = 2_500_000;

    /** The only message stream id createStream gives: one publish per connection, as every encoder does. */
    static final int STREAM_ID = 1;

    private static final int STREAM_BEGIN = 0;
    private static final int PING_REQUEST = 6;
    private static final int PING_RESPONSE = 7;

    /** How publish creators are told who created a path. */
    static final String PROTOCOL = "RTMP";

    private enum State { CONNECTING, CONNECTED, AUTHORIZING, PUBLISHING, CLOSED }

    private final RtmpServer server;
    private final RtmpChunkDecoder decoder = new RtmpChunkDecoder(this);
    private RtmpChunkWriter writer = new RtmpChunkWriter(RtmpChunkDecoder.DEFAULT_CHUNK_SIZE);
    private ChannelHandlerContext ctx;
    private State state = State.CONNECTING;
    private String app;
    private String tcUrl;
    private long ackWindow;
    private long acknowledged;
    private Path path;
    private SourceListener publisher;
    private RtmpToStream toStream;
    private AccessGrant.Watch watch;

    RtmpServerConnection(RtmpServer server) {
        this.server = server;
    }

    RtmpChunkDecoder decoder() {
        return decoder;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        ctx = c;
    }

    @Override
    public void message(int type, int streamId, long timestamp, ByteBuf payload) {
        try {
            if (state == State.CLOSED) {
                return;
            }
            switch (type) {
                case RtmpMessageType.WINDOW_ACK_SIZE -> ackWindow = payload.readableBytes() >= 4
                        ? payload.getUnsignedInt(payload.readerIndex()) : 0;
                case RtmpMessageType.USER_CONTROL -> userControl(payload);
                case RtmpMessageType.COMMAND_AMF0 -> command(payload, streamId);
                case RtmpMessageType.COMMAND_AMF3 -> command(payload.skipBytes(Math.min(1, payload.readableBytes())),
                        streamId);
                case RtmpMessageType.DATA_AMF0 -> data(payload);
                case RtmpMessageType.DATA_AMF3 -> data(payload.skipBytes(Math.min(1, payload.readableBytes())));
                case RtmpMessageType.VIDEO -> {
                    if (toStream != null) {
                        toStream.video(payload, timestamp, System.nanoTime());
                    }
                }
                case RtmpMessageType.AUDIO -> {
                    if (toStream != null) {
                        toStream.audio(payload, timestamp, System.nanoTime());
                    }
                }
                default -> {
                    // Acknowledgement and Set Peer Bandwidth need nothing from a server that sends only commands.
                }
            }
        } finally {
            payload.release();
        }
        acknowledge();
    }

    /** §5.4.3: tell the peer what we have read each time its window is full. */
    private void acknowledge() {
        long received = decoder.bytesReceived();
        if (ackWindow > 0 && received - acknowledged >= ackWindow && state != State.CLOSED) {
            acknowledged = received;
            ctx.writeAndFlush(writer.control(ctx.alloc(), RtmpMessageType.ACKNOWLEDGEMENT, received & 0xFFFFFFFFL),
                    ctx.voidPromise());
        }
    }

    private void userControl(ByteBuf payload) {
        if (payload.readableBytes() >= 6 && payload.getUnsignedShort(payload.readerIndex()) == PING_REQUEST) {
            ctx.writeAndFlush(writer.userControl(ctx.alloc(), PING_RESPONSE,
                    payload.getUnsignedInt(payload.readerIndex() + 2)), ctx.voidPromise());
        }
    }

    private void command(ByteBuf payload, int streamId) {
        List<Object> values = amf(payload);
        if (values.isEmpty() || !(values.get(0) instanceof String name)) {
            throw new RtmpProtocolException("a command without a name");
        }
        double tx = values.size() > 1 && values.get(1) instanceof Double d ? d : 0;
        switch (name) {
            case "connect" -> connect(tx, values.size() > 2 ? values.get(2) : null);
            case "releaseStream", "FCPublish" -> send(writer.command(ctx.alloc(), RtmpChunkWriter.COMMAND_CHUNK_STREAM,
                    0, "_result", tx, null, Amf0.UNDEFINED));
            case "createStream" -> send(writer.command(ctx.alloc(), RtmpChunkWriter.COMMAND_CHUNK_STREAM, 0,
                    "_result", tx, null, (double) STREAM_ID));
            case "publish" -> publish(values.size() > 3 && values.get(3) instanceof String s ? s : "", streamId);
            case "FCUnpublish", "deleteStream", "closeStream" -> endPublish("publisher stopped");
            case "play", "play2" -> refuse(streamId, "NetStream.Play.Failed", "Argus takes RTMP publishers only; "
                    + "watch over RTSP, HLS or WebSocket");
            default -> {
                if (tx > 0) {
                    send(writer.command(ctx.alloc(), RtmpChunkWriter.COMMAND_CHUNK_STREAM, 0, "_error", tx, null,
                            status("error", "NetConnection.Call.Failed", "unknown command " + name)));
                }
            }
        }
    }

    private void connect(double tx, Object properties) {
        if (state != State.CONNECTING) {
            throw new RtmpProtocolException("connect sent twice");
        }
        if (properties instanceof Map<?, ?> m) {
            app = m.get("app") instanceof String s ? s : "";
            tcUrl = m.get("tcUrl") instanceof String s ? s : null;
        }
        state = State.CONNECTED;
        ctx.write(writer.control(ctx.alloc(), RtmpMessageType.WINDOW_ACK_SIZE, WINDOW), ctx.voidPromise());
        ctx.write(writer.peerBandwidth(ctx.alloc(), WINDOW), ctx.voidPromise());
        ctx.write(writer.control(ctx.alloc(), RtmpMessageType.SET_CHUNK_SIZE, CHUNK_SIZE), ctx.voidPromise());
        writer = new RtmpChunkWriter(CHUNK_SIZE);
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("fmsVer", "FMS/3,0,1,123");
        server.put("capabilities", 31.0);
        Map<String, Object> info = status("status", "NetConnection.Connect.Success", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        send(writer.command(ctx.alloc(), RtmpChunkWriter.COMMAND_CHUNK_STREAM, 0, "_result", tx, server, info));
    }

    private void publish(String streamName, int streamId) {
        if (state != State.CONNECTED) {
            refuse(streamId, "NetStream.Publish.BadName", state == State.CONNECTING ? "publish before connect"
                    : "this connection publishes already");
            return;
        }
        state = State.AUTHORIZING;
        RtmpStreamKey key = RtmpStreamKey.parse(app, tcUrl, streamName);
        InetSocketAddress client = (InetSocketAddress) ctx.channel().remoteAddress();
        try {
            server.authenticator().publish(key, client).whenCompleteAsync((d, e) -> decided(key, d, e, streamId),
                    ctx.channel().eventLoop());
        } catch (RuntimeException e) {
            decided(key, null, e, streamId);
        }
    }

    private void decided(RtmpStreamKey key, RtmpDecision decision, Throwable error, int streamId) {
        if (state != State.AUTHORIZING) {
            return;
        }
        if (error != null) {
            LOG.warn("RTMP publish to {} could not be authorized: {}", key.path(), error.toString());
            refuse(streamId, "NetStream.Publish.Failed", "credentials cannot be checked now; try again shortly");
            return;
        }
        switch (decision.outcome()) {
            case REFUSED -> refuse(streamId, "NetStream.Publish.BadName", key.hasCredentials()
                    ? "not authorized: wrong user/pass or token, or no right to publish to " + key.path()
                    : "credentials needed: add ?user=<user>&pass=<password> or ?token=<API token> to the stream key");
            case NOT_FOUND -> refuse(streamId, "NetStream.Publish.BadName", "no camera " + key.path()
                    + " that this user may publish to");
            case ALLOWED -> claim(key, decision, streamId);
        }
    }

    private void claim(RtmpStreamKey key, RtmpDecision decision, int streamId) {
        Path target = server.paths().publishTarget(decision.pathKey(), PROTOCOL).orElse(null);
        SourceListener listener = target == null ? null : target.acquirePublisher();
        if (listener == null) {
            refuse(streamId, "NetStream.Publish.BadName", target == null
                    ? "no camera " + key.path() + ", and that is not a valid camera name"
                    : "camera " + key.path() + " pulls from its own source, is disabled, or has a publisher already; "
                            + "it takes no RTMP publisher");
            return;
        }
        path = target;
        publisher = listener;
        state = State.PUBLISHING;
        toStream = new RtmpToStream(target.name(), target.counters(), listener, ctx.channel().eventLoop(),
                reason -> refuse(streamId, "NetStream.Publish.Failed", reason));
        ctx.write(writer.userControl(ctx.alloc(), STREAM_BEGIN, streamId), ctx.voidPromise());
        send(writer.command(ctx.alloc(), RtmpChunkWriter.STATUS_CHUNK_STREAM, streamId, "onStatus", 0.0, null,
                status("status", "NetStream.Publish.Start", key.path() + " is now published.")));
        LOG.info("RTMP publisher {} feeds {}", ctx.channel().remoteAddress(), target.name());
        watch = decision.grant().watch(() -> ctx.channel().eventLoop().execute(() -> refuse(streamId,
                "NetStream.Publish.Failed", "access revoked: the credentials or the right to publish to "
                        + key.path() + " were taken back")));
    }

    private void data(ByteBuf payload) {
        List<Object> values = amf(payload);
        int at = !values.isEmpty() && "@setDataFrame".equals(values.get(0)) ? 1 : 0;
        if (toStream != null && values.size() > at + 1 && "onMetaData".equals(values.get(at))) {
            Object props = values.get(at + 1);
            if (props instanceof Amf0.EcmaArray a) {
                toStream.metadata(a.entries());
            } else if (props instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) m;
                toStream.metadata(typed);
            }
        }
    }

    private static List<Object> amf(ByteBuf payload) {
        try {
            return Amf0.decodeAll(payload);
        } catch (AmfException e) {
            throw new RtmpProtocolException("bad AMF0: " + e.getMessage());
        }
    }

    private static Map<String, Object> status(String level, String code, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("level", level);
        m.put("code", code);
        m.put("description", description);
        return m;
    }

    /** Tells the peer why in an error onStatus, counts it, and closes the connection once that is written. */
    private void refuse(int streamId, String code, String description) {
        if (state == State.CLOSED) {
            return;
        }
        endPublish("refused: " + description);
        state = State.CLOSED;
        server.refused();
        LOG.info("RTMP client {} refused: {} ({})", ctx.channel().remoteAddress(), description, code);
        ctx.writeAndFlush(writer.command(ctx.alloc(), RtmpChunkWriter.STATUS_CHUNK_STREAM, streamId, "onStatus", 0.0,
                null, status("error", code, description))).addListener(ChannelFutureListener.CLOSE);
    }

    private void send(ByteBuf message) {
        ctx.writeAndFlush(message, ctx.voidPromise());
    }

    private void endPublish(String reason) {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        if (toStream != null) {
            toStream.close();
            toStream = null;
        }
        if (publisher != null) {
            SourceListener p = publisher;
            publisher = null;
            p.onEnded(reason);
            LOG.info("RTMP publisher of {} ended: {}", path.name(), reason);
        }
        if (state == State.PUBLISHING) {
            state = State.CONNECTED;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        endPublish("RTMP publisher disconnected");
        state = State.CLOSED;
        c.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        if (cause instanceof RtmpProtocolException) {
            server.protocolError();
        }
        LOG.debug("RTMP connection from {} closed: {}", c.channel().remoteAddress(), cause.toString());
        endPublish("RTMP protocol error: " + cause.getMessage());
        state = State.CLOSED;
        c.close();
    }
}
