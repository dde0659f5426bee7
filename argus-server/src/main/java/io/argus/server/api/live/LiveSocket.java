package io.argus.server.api.live;

import io.argus.media.mse.MseSink;
import io.argus.media.mse.StreamToMse;
import io.argus.server.api.Json;
import io.argus.server.auth.SessionRechecks;
import io.argus.server.transcode.TranscodeLease;
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

    /**
     * WebSocket close code 1013 (RFC 6455 §7.4.1, IANA registry): try again later, here the node has no room for the
     * transcode the rendition needs.
     */
    static final int TRY_AGAIN_LATER = 1013;

    private final Session session;
    private final AtomicLong outstanding = new AtomicLong();
    private volatile StreamToMse feed;
    private TranscodeLease lease;
    private boolean detached;
    /** The re-check of the socket's credential while it is open. */
    private SessionRechecks.Watch watch;

    LiveSocket(Session session) {
        this.session = session;
    }

    /**
     * Starts sending {@code f}; a socket that already closed (a transcode's first picture came after the viewer
     * left) closes it at once instead.
     */
    void attach(StreamToMse f) {
        synchronized (this) {
            if (!detached) {
                this.feed = f;
                return;
            }
        }
        f.close();
    }

    /** The re-check of the socket's credential; stopped when the socket closes (at once if it already has). */
    void watch(SessionRechecks.Watch w) {
        synchronized (this) {
            if (!detached) {
                this.watch = w;
                return;
            }
        }
        w.close();
    }

    /** The shared transcode this viewer holds; released when the socket closes. */
    synchronized void lease(TranscodeLease l) {
        this.lease = l;
    }

    /** The socket closed: stops its feed and releases its transcode. Returns the feed, for its figures. */
    StreamToMse detach() {
        StreamToMse f;
        TranscodeLease l;
        SessionRechecks.Watch w;
        synchronized (this) {
            detached = true;
            f = feed;
            l = lease;
            w = watch;
        }
        if (w != null) {
            w.close();
        }
        if (f != null) {
            f.close();
        }
        if (l != null) {
            l.close();
        }
        return f;
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

    /** Closes the socket because the transcode its rendition needs does not fit on this node now. */
    void tryAgainLater(String reason) {
        session.close(TRY_AGAIN_LATER, fit(reason), Callback.NOOP);
    }

    /** A close frame's reason is at most 123 bytes (RFC 6455 §5.5: 125-byte control frames, 2 for the code). */
    static String fit(String reason) {
        return reason.length() <= 120 ? reason : reason.substring(0, 117) + "...";
    }

    @Override
    public void end(String reason) {
        session.close(GOING_AWAY, fit(reason), Callback.NOOP);
    }
}
