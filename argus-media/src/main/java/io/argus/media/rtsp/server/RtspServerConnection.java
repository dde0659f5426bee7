package io.argus.media.rtsp.server;

import io.argus.media.codec.sdp.SdpException;
import io.argus.media.codec.sdp.SdpParser;
import io.argus.media.codec.sdp.SdpTrack;
import io.argus.media.codec.sdp.SdpWriter;
import io.argus.media.path.Path;
import io.argus.media.path.SourceListener;
import io.argus.media.rtsp.RtspDecoder;
import io.argus.media.rtsp.RtspHeaders;
import io.argus.media.rtsp.RtspRequest;
import io.argus.media.rtsp.RtspResponse;
import io.argus.media.rtsp.RtspSessionHeader;
import io.argus.media.rtsp.RtspStatus;
import io.argus.media.rtsp.RtspTransport;
import io.argus.media.rtsp.server.RtspAuthenticator.Action;
import io.argus.media.stream.Stream;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTSP control connection and the sessions created on it: the request state machine of RFC 2326 §10 for
 * readers (DESCRIBE, SETUP, PLAY) and publishers (ANNOUNCE, SETUP, RECORD), plus OPTIONS, GET_PARAMETER,
 * SET_PARAMETER and TEARDOWN. Everything runs on the connection's event loop.
 */
final class RtspServerConnection extends ChannelInboundHandlerAdapter implements RtspDecoder.FrameHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RtspServerConnection.class);

    /** Sessions one connection may hold: a player needs one; more is a client bug or an attack. */
    static final int MAX_SESSIONS = 8;

    /**
     * RFC 2326 §12.31 Retry-After of a 503 when credentials cannot be checked now: long enough for a queue of
     * password checks to drain, short enough that a player retrying after it barely notices.
     */
    static final int BUSY_RETRY_AFTER_SECONDS = 1;

    /** How publish creators are told who created a path. */
    static final String PROTOCOL = "RTSP";

    /**
     * How long a DESCRIBE waits for a path fed on demand to go live: a relay from another node connects in about a
     * second (docs/cluster.md); players give up on a DESCRIBE after about ten.
     */
    static final int DEMAND_WAIT_SECONDS = 5;

    static final String PUBLIC = "OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN, GET_PARAMETER, SET_PARAMETER, "
            + "ANNOUNCE, RECORD";

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final RtspServer server;
    /** Whether this connection came in over TLS: then media goes interleaved on it, never as clear UDP. */
    private final boolean secure;
    private final String nonce = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final Map<String, RtspServerSession> sessions = new LinkedHashMap<>();
    private ChannelHandlerContext ctx;
    private RtspServerAnnounce announce;
    private ScheduledFuture<?> timeoutCheck;

    RtspServerConnection(RtspServer server, boolean secure) {
        this.server = server;
        this.secure = secure;
    }

    EventLoop eventLoop() {
        return ctx.channel().eventLoop();
    }

    void closeConnection() {
        ctx.close();
    }

    /**
     * A session's grant was taken back (its credential revoked, its right removed): the connection closes, which
     * ends every session on it and is what a client reads as the end of the stream. Any thread.
     */
    void revoked() {
        LOG.info("RTSP connection from {} closed: its access was revoked", ctx.channel().remoteAddress());
        ctx.channel().close();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext c) {
        ctx = c;
        long period = Math.max(1, server.config().sessionTimeout().toMillis() / 4);
        timeoutCheck = c.channel().eventLoop().scheduleAtFixedRate(this::expireSessions, period, period,
                TimeUnit.MILLISECONDS);
    }

    /**
     * The last request waiting for its preparation (a password check, off the event loop) or behind one; done
     * when none is waiting. Requests are handled in order, and each is prepared only once the one before it has
     * been answered: pipelined requests with the same credentials find the first one's result ready instead of
     * starting a check each, and one connection never has two checks running.
     */
    private CompletableFuture<Void> queue = DONE;

    @Override
    public void channelRead(ChannelHandlerContext c, Object msg) {
        if (msg instanceof RtspRequest request) {
            RtspServerRequest req = new RtspServerRequest(request);
            queue = queue.isDone() ? prepareAndProcess(req) : queue.thenCompose(v -> prepareAndProcess(req));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    /** Runs on the event loop; done at once when the authenticator was ready at once, else once answered. */
    private CompletableFuture<Void> prepareAndProcess(RtspServerRequest req) {
        if (!ctx.channel().isActive()) {
            return DONE;
        }
        CompletableFuture<Void> ready;
        try {
            ready = server.authenticator().prepare(credentials(req), source(ctx)).toCompletableFuture();
        } catch (RuntimeException e) {
            ready = CompletableFuture.failedFuture(e);
        }
        if (ready.isDone()) {
            return processPrepared(req, ready.isCompletedExceptionally());
        }
        return ready.handleAsync((v, e) -> processPrepared(req, e != null), eventLoop()).thenCompose(f -> f);
    }

    /**
     * Handles the request, or answers 503 when the authenticator could not prepare it (overloaded); done once
     * answered.
     */
    private CompletableFuture<Void> processPrepared(RtspServerRequest req, boolean failed) {
        if (!failed) {
            return process(req);
        }
        RtspResponse r = new RtspResponse(RtspStatus.SERVICE_UNAVAILABLE);
        r.headers().set("Retry-After", Integer.toString(BUSY_RETRY_AFTER_SECONDS));
        respond(req, r);
        return DONE;
    }

    private RtspCredentials credentials(RtspServerRequest req) {
        return RtspCredentials.parse(req.request().headers().get("Authorization"), req.method(), nonce);
    }

    private static String source(ChannelHandlerContext c) {
        return c.channel().remoteAddress() instanceof InetSocketAddress a && a.getAddress() != null
                ? a.getAddress().getHostAddress() : String.valueOf(c.channel().remoteAddress());
    }

    private CompletableFuture<Void> process(RtspServerRequest req) {
        try {
            if (req.method().equals("DESCRIBE") && req.sessionId() == null) {
                return describe(req);
            }
            handle(req);
        } catch (RuntimeException e) {
            LOG.warn("RTSP {} {} failed", req.method(), req.request().uri(), e);
            respond(req, new RtspResponse(RtspStatus.INTERNAL_SERVER_ERROR));
        }
        return DONE;
    }

    /** An interleaved frame from a publisher (RECORD over TCP); anything else is dropped. */
    @Override
    public void frame(int channel, ByteBuf packet) {
        for (RtspServerSession s : sessions.values()) {
            if (s.isPublisher() && s.state() == RtspServerSession.State.RECORDING) {
                s.onInterleaved(channel, packet);
                return;
            }
        }
        packet.release();
    }

    private void handle(RtspServerRequest req) {
        RtspServerSession session = sessionOf(req);
        if (req.sessionId() != null && session == null) {
            respond(req, new RtspResponse(RtspStatus.SESSION_NOT_FOUND));
            return;
        }
        if (session != null) {
            session.touch();
        }
        switch (req.method()) {
            case "OPTIONS", "GET_PARAMETER", "SET_PARAMETER" -> {
                RtspResponse r = new RtspResponse(RtspStatus.OK);
                r.headers().set("Public", PUBLIC);
                respond(req, r);
            }
            case "DESCRIBE" -> describe(req);
            case "ANNOUNCE" -> announce(req);
            case "SETUP" -> setup(req, session);
            case "PLAY" -> play(req, session);
            case "RECORD" -> record(req, session);
            case "TEARDOWN" -> {
                if (session != null) {
                    closeSession(session, "publisher sent TEARDOWN");
                }
                respond(req, new RtspResponse(RtspStatus.OK));
            }
            default -> respond(req, new RtspResponse(RtspStatus.NOT_IMPLEMENTED));
        }
    }

    private RtspServerSession sessionOf(RtspServerRequest req) {
        return req.sessionId() == null ? null : sessions.get(req.sessionId());
    }

    /**
     * The authenticator's decision when it allows this request, or null when it did not (a 401 with challenges,
     * or a 404, has been sent).
     */
    private RtspDecision allowed(RtspServerRequest req, Action action, String path) {
        RtspDecision d = server.authenticator().authorize(action, path, credentials(req), remoteAddress());
        switch (d.outcome()) {
            case ALLOWED -> {
                return d;
            }
            case NOT_FOUND -> respond(req, new RtspResponse(RtspStatus.NOT_FOUND));
            case REFUSED -> {
                RtspResponse r = new RtspResponse(RtspStatus.UNAUTHORIZED);
                if (server.authenticator().offersDigest()) {
                    r.headers().add("WWW-Authenticate", "Digest realm=\"" + RtspServer.REALM + "\", nonce=\""
                            + nonce + "\"");
                }
                r.headers().add("WWW-Authenticate", "Basic realm=\"" + RtspServer.REALM + "\"");
                respond(req, r);
            }
        }
        return null;
    }

    /**
     * Answers once the path has a stream: a path fed on demand (a relay from the camera's owning node) may need a
     * moment, for which later requests of this connection wait in {@link #queue}.
     */
    private CompletableFuture<Void> describe(RtspServerRequest req) {
        RtspServerUrls url = req.url();
        if (url == null) {
            respond(req, new RtspResponse(RtspStatus.BAD_REQUEST));
            return DONE;
        }
        RtspDecision d = allowed(req, Action.READ, url.path());
        if (d == null) {
            return DONE;
        }
        Path path = server.paths().get(d.pathKey()).orElse(null);
        if (path == null) {
            respond(req, new RtspResponse(RtspStatus.NOT_FOUND));
            return DONE;
        }
        CompletableFuture<Stream> live = path.demand().completeOnTimeout(null, DEMAND_WAIT_SECONDS, TimeUnit.SECONDS)
                .exceptionally(e -> null);
        if (live.isDone()) {
            describeLive(req, path, live.getNow(null));
            return DONE;
        }
        return live.handleAsync((s, e) -> {
            describeLive(req, path, s);
            return null;
        }, eventLoop());
    }

    private void describeLive(RtspServerRequest req, Path path, Stream stream) {
        if (stream == null || stream.isClosed() || !ctx.channel().isActive()) {
            respond(req, new RtspResponse(RtspStatus.SERVICE_UNAVAILABLE));
            return;
        }
        String local = ((InetSocketAddress) ctx.channel().localAddress()).getAddress().getHostAddress();
        String uri = req.request().uri();
        RtspResponse r = new RtspResponse(RtspStatus.OK, "OK", new RtspHeaders(),
                SdpWriter.write(stream.formats(), path.name(), local));
        r.headers().set("Content-Type", "application/sdp").set("Content-Base", uri.endsWith("/") ? uri : uri + "/");
        respond(req, r);
    }

    private void announce(RtspServerRequest req) {
        RtspServerUrls url = req.url();
        if (url == null || url.path().isEmpty()) {
            respond(req, new RtspResponse(RtspStatus.BAD_REQUEST));
            return;
        }
        RtspDecision d = allowed(req, Action.PUBLISH, url.path());
        if (d == null) {
            return;
        }
        List<SdpTrack> tracks;
        try {
            tracks = SdpParser.parse(req.request().body()).tracks();
        } catch (SdpException e) {
            respond(req, new RtspResponse(RtspStatus.BAD_REQUEST, "Bad SDP: " + e.getMessage().replaceAll(
                    "[\\r\\n]", " "), new RtspHeaders(), ""));
            return;
        }
        if (tracks.stream().noneMatch(SdpTrack::supported)) {
            respond(req, new RtspResponse(415, "Unsupported Media Type", new RtspHeaders(), ""));
            return;
        }
        Path path = server.paths().publishTarget(d.pathKey(), PROTOCOL).orElse(null);
        SourceListener publisher = path == null ? null : path.acquirePublisher();
        if (publisher == null) {
            respond(req, new RtspResponse(path == null ? RtspStatus.NOT_FOUND : RtspStatus.FORBIDDEN));
            return;
        }
        if (announce != null && sessions.values().stream().noneMatch(s -> s.announce() == announce)) {
            announce.end("publisher announced again");
        }
        announce = new RtspServerAnnounce(path, publisher, req.request().uri(), tracks);
        respond(req, new RtspResponse(RtspStatus.OK));
    }

    private void setup(RtspServerRequest req, RtspServerSession session) {
        RtspServerUrls url = req.url();
        if (url == null) {
            respond(req, new RtspResponse(RtspStatus.BAD_REQUEST));
            return;
        }
        if (session != null && session.state() != RtspServerSession.State.READY) {
            respond(req, new RtspResponse(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        if (session == null && sessions.size() >= MAX_SESSIONS) {
            respond(req, new RtspResponse(RtspStatus.SERVICE_UNAVAILABLE));
            return;
        }
        boolean publish = session != null ? session.isPublisher() : announce != null;
        RtspDecision d = allowed(req, publish ? Action.PUBLISH : Action.READ, url.path());
        if (d == null) {
            return;
        }
        RtspTransport offer = chooseTransport(req, session);
        if (offer == null) {
            respond(req, new RtspResponse(RtspStatus.UNSUPPORTED_TRANSPORT));
            return;
        }
        RtspServerSetup setup = publish ? RtspServerSetup.record(this, req, url, session, announce, offer)
                : RtspServerSetup.play(this, url, d.pathKey(), session, offer);
        if (setup.error() != null) {
            respond(req, setup.error());
            return;
        }
        RtspServerSession s = setup.session();
        if (session == null) {
            sessions.put(s.id(), s);
            s.watch(d.grant());
            if (publish) {
                announce = null;
            }
        }
        RtspResponse r = new RtspResponse(RtspStatus.OK);
        r.headers().set("Transport", setup.reply().format())
                .set("Session", new RtspSessionHeader(s.id(), timeoutSeconds()).format());
        respond(req, r);
    }

    /** The first offered transport we can serve; interleaved channels are assigned when the client left them out. */
    private RtspTransport chooseTransport(RtspServerRequest req, RtspServerSession session) {
        for (RtspTransport t : RtspTransport.parseAll(req.request().headers().get("Transport"))) {
            if (t.multicast()) {
                continue;
            }
            if (t.tcp()) {
                return t.interleavedRtp() >= 0 ? t
                        : RtspTransport.tcp(2 * nextChannelPair(session)).withMode(t.mode());
            }
            if (!secure && server.udp() != null && t.clientRtpPort() > 0) {
                return t;
            }
        }
        return null;
    }

    private static int nextChannelPair(RtspServerSession session) {
        int n = 0;
        for (int i = 0; session != null && i < session.formats().size(); i++) {
            n += session.media(i) != null ? 1 : 0;
        }
        return n;
    }

    private void play(RtspServerRequest req, RtspServerSession session) {
        if (session == null || session.isPublisher() || !session.hasMedia()) {
            respond(req, new RtspResponse(session == null ? RtspStatus.SESSION_NOT_FOUND
                    : RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        RtspResponse r = new RtspResponse(RtspStatus.OK);
        r.headers().set("Session", new RtspSessionHeader(session.id(), timeoutSeconds()).format())
                .set("Range", "npt=0.000-");
        if (session.state() == RtspServerSession.State.PLAYING) {
            respond(req, r);
            return;
        }
        String base = req.request().uri().endsWith("/") ? req.request().uri() : req.request().uri() + "/";
        StringBuilder rtpInfo = new StringBuilder();
        RtspServerSessionMedia[] medias = new RtspServerSessionMedia[session.formats().size()];
        for (int i = 0; i < medias.length; i++) {
            medias[i] = session.media(i);
            if (medias[i] != null) {
                rtpInfo.append(rtpInfo.isEmpty() ? "" : ",").append("url=").append(base)
                        .append(SdpWriter.control(i)).append(";seq=").append(medias[i].packetizer().nextSequence());
            }
        }
        r.headers().set("RTP-Info", rtpInfo.toString());
        respond(req, r);
        boolean udp = session.usesUdp();
        session.play(new StreamToRtsp(session, medias, udp ? null : ctx.channel(),
                udp ? server.udp().rtp() : null, udp ? server.udp().rtcp() : null, RtspServerSession.newCname(),
                ctx.channel().eventLoop()));
    }

    private void record(RtspServerRequest req, RtspServerSession session) {
        if (session == null || !session.isPublisher() || session.state() != RtspServerSession.State.READY
                || !session.hasMedia()) {
            respond(req, new RtspResponse(session == null ? RtspStatus.SESSION_NOT_FOUND
                    : RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE));
            return;
        }
        if (!session.record(session.announce().publisher(), server.udp())) {
            closeSession(session, "path refused the publisher");
            respond(req, new RtspResponse(RtspStatus.FORBIDDEN));
            return;
        }
        RtspResponse r = new RtspResponse(RtspStatus.OK);
        r.headers().set("Session", new RtspSessionHeader(session.id(), timeoutSeconds()).format());
        respond(req, r);
    }

    String newSessionId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    RtspServer server() {
        return server;
    }

    InetSocketAddress remoteAddress() {
        return (InetSocketAddress) ctx.channel().remoteAddress();
    }

    private int timeoutSeconds() {
        return (int) Math.max(1, server.config().sessionTimeout().toSeconds());
    }

    private void respond(RtspServerRequest req, RtspResponse r) {
        int cseq = req.request().cseq();
        if (cseq >= 0) {
            r.headers().set("CSeq", Integer.toString(cseq));
        }
        r.headers().set("Server", RtspServer.SERVER_NAME);
        ctx.writeAndFlush(r, ctx.voidPromise());
    }

    private void closeSession(RtspServerSession s, String reason) {
        sessions.remove(s.id());
        s.close(reason, server.udp());
    }

    /** RFC 2326 §12.37: a UDP session with no request within the timeout is gone (TCP ones end with the link). */
    private void expireSessions() {
        long limit = server.config().sessionTimeout().toNanos();
        long now = System.nanoTime();
        for (RtspServerSession s : List.copyOf(sessions.values())) {
            if (s.usesUdp() && now - s.lastActivityNanos() > limit) {
                closeSession(s, "session timed out");
            }
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext c) {
        if (c.channel().isWritable()) {
            sessions.values().forEach(RtspServerSession::resume);
        }
        c.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        timeoutCheck.cancel(false);
        for (RtspServerSession s : List.copyOf(sessions.values())) {
            closeSession(s, "publisher disconnected");
        }
        if (announce != null) {
            announce.end("publisher disconnected before RECORD");
            announce = null;
        }
        c.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        LOG.debug("RTSP connection from {} closed: {}", c.channel().remoteAddress(), cause.toString());
        c.close();
    }
}
