package io.argus.media.rtsp.client;

import io.argus.media.rtsp.RtspDecoder;
import io.argus.media.rtsp.RtspRequest;
import io.argus.media.rtsp.RtspResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One TCP connection of an attempt: numbers requests (CSeq), matches responses to them, times them out, and
 * hands interleaved frames to the attempt. Everything runs on the attempt's event loop.
 */
final class RtspClientConnection extends ChannelInboundHandlerAdapter implements RtspDecoder.FrameHandler {

    private record Pending(String method, Consumer<RtspResponse> callback, ScheduledFuture<?> timeout) {
    }

    private final RtspClientAttempt attempt;
    private final long responseTimeoutMillis;
    private final String userAgent;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private Channel channel;
    private int cseq;

    RtspClientConnection(RtspClientAttempt attempt, long responseTimeoutMillis, String userAgent) {
        this.attempt = attempt;
        this.responseTimeoutMillis = responseTimeoutMillis;
        this.userAgent = userAgent;
    }

    Channel channel() {
        return channel;
    }

    /** Sends {@code request}; {@code callback} gets its response, unless the connection ends first. */
    void send(RtspRequest request, Consumer<RtspResponse> callback) {
        int n = ++cseq;
        request.headers().set("CSeq", Integer.toString(n)).set("User-Agent", userAgent);
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(
                () -> attempt.onResponseTimeout(this, request.method()), responseTimeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(n, new Pending(request.method(), callback, timeout));
        channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** An interleaved frame: straight to the attempt, no message object per packet. */
    @Override
    public void frame(int channel, ByteBuf packet) {
        attempt.onFrame(this, channel, packet);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RtspResponse response) {
            Pending p = take(response.cseq());
            if (p != null) {
                p.timeout.cancel(false);
                p.callback.accept(response);
            }
        } else {
            // Requests from the server (rare: ANNOUNCE of a parameter change) need no answer to keep playing.
            ReferenceCountUtil.release(msg);
        }
    }

    /**
     * The pending request a response answers. Vendor quirk: some NVR firmwares (Uniview IPC2122) omit CSeq in
     * keep-alive responses, so a response without one answers the oldest request.
     */
    private Pending take(int n) {
        if (n >= 0) {
            return pending.remove(n);
        }
        Iterator<Pending> it = pending.values().iterator();
        if (!it.hasNext()) {
            return null;
        }
        Pending p = it.next();
        it.remove();
        return p;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelAll();
        attempt.onConnectionClosed(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        cancelAll();
        attempt.onConnectionError(this, cause);
        ctx.close();
    }

    void cancelAll() {
        for (Pending p : pending.values()) {
            p.timeout.cancel(false);
        }
        pending.clear();
    }
}
