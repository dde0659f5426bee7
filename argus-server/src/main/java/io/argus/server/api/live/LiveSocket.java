package io.argus.server.api.live;

import io.argus.media.mse.MseSink;
import io.argus.media.mse.StreamToMse;
import io.argus.server.api.Json;
import io.argus.server.auth.SessionRechecks;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One {@code live.ws} viewer: writes the feed's header, init segment and fragments to Jetty's WebSocket session
 * without copying them. A fragment is one binary message sent as one WebSocket frame per buffer component (box
 * headers, length prefixes and the units' payload slices): the direct payload buffers go to Jetty's gathering
 * socket write as they are, and the fragment is released when Jetty has completed every frame.
 *
 * <p>Called by the feed's loop (send) and Jetty's threads (completions); the byte count is the only shared state.
 */
final class LiveSocket implements MseSink {
    /**
     * Bytes handed to Jetty and not yet written: 1 MiB, about 2 s of 4 Mbit/s video. Past it the feed stops
     * reading; its reader's queue fills and the stream skips this viewer to the next keyframe instead of this
     * socket buffering more.
     */
    static final long MAX_OUTSTANDING_BYTES = 1L << 20;

    /** WebSocket close code 1001 (RFC 6455 §7.4.1): the endpoint is going away (the camera's stream ended). */
    static final int GOING_AWAY = 1001;

    /**
     * WebSocket close code 1008 (RFC 6455 §7.4.1): policy violation, here the credential that opened the socket no
     * longer allows it.
     */
    static final int POLICY_VIOLATION = 1008;

    private final Session session;
    private final AtomicLong outstanding = new AtomicLong();
    private volatile StreamToMse feed;
    /** The re-check of the socket's credential while it is open; null before it is set and for ended sockets. */
    private volatile SessionRechecks.Watch watch;

    LiveSocket(Session session) {
        this.session = session;
    }

    void feed(StreamToMse f) {
        this.feed = f;
    }

    StreamToMse feed() {
        return feed;
    }

    void watch(SessionRechecks.Watch w) {
        this.watch = w;
    }

    /** Stops re-checking the socket's credential: it closed. */
    void unwatch() {
        SessionRechecks.Watch w = watch;
        if (w != null) {
            w.close();
        }
    }

    @Override
    public void start(String codecs, ByteBuf init) {
        try {
            String mime = "video/mp4; codecs=\"" + codecs + "\"";
            session.sendText(Json.MAPPER.writeValueAsString(new LiveStreamHeader(codecs, mime)), Callback.NOOP);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        fragment(init);
    }

    /** <b>Takes ownership</b> of {@code fragment}: released when Jetty completes (or fails) its last frame. */
    @Override
    public void fragment(ByteBuf fragment) {
        ByteBuffer[] parts = fragment.nioBuffers();
        long size = fragment.readableBytes();
        outstanding.addAndGet(size);
        AtomicInteger left = new AtomicInteger(parts.length);
        Callback done = Callback.from(() -> written(fragment, left, size), t -> written(fragment, left, size));
        for (int i = 0; i < parts.length; i++) {
            session.sendPartialBinary(parts[i], i == parts.length - 1, done);
        }
    }

    private void written(ByteBuf fragment, AtomicInteger left, long size) {
        if (left.decrementAndGet() != 0) {
            return;
        }
        fragment.release();
        long before = outstanding.getAndAdd(-size);
        StreamToMse f = feed;
        if (before >= MAX_OUTSTANDING_BYTES && before - size < MAX_OUTSTANDING_BYTES && f != null) {
            f.resume();
        }
    }

    @Override
    public boolean isWritable() {
        return outstanding.get() < MAX_OUTSTANDING_BYTES && session.isOpen();
    }

    /** Bytes handed to Jetty and not written yet. */
    long outstanding() {
        return outstanding.get();
    }

    /** Closes the socket because its credential was revoked or no longer gives view-live on the camera. */
    void revoked() {
        session.close(POLICY_VIOLATION, "the credential was revoked or no longer allows view-live", Callback.NOOP);
    }

    @Override
    public void end(String reason) {
        session.close(GOING_AWAY, reason, Callback.NOOP);
    }
}
