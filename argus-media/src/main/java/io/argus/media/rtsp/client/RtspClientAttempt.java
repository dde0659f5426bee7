package io.argus.media.rtsp.client;

import io.argus.media.codec.MediaFormat;
import io.argus.media.codec.rtcp.RtcpSenderReport;
import io.argus.media.codec.rtp.RtpReceiver;
import io.argus.media.codec.sdp.SdpControl;
import io.argus.media.codec.sdp.SdpException;
import io.argus.media.codec.sdp.SdpParser;
import io.argus.media.codec.sdp.SdpTrack;
import io.argus.media.codec.sdp.SessionDescription;
import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.path.Transport;
import io.argus.media.rtsp.RtspHeaders;
import io.argus.media.rtsp.RtspRequest;
import io.argus.media.rtsp.RtspResponse;
import io.argus.media.rtsp.RtspSessionHeader;
import io.argus.media.rtsp.RtspStatus;
import io.argus.media.rtsp.RtspToStream;
import io.argus.media.rtsp.RtspTransport;
import io.argus.media.stream.Stream;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a camera: OPTIONS, DESCRIBE, SETUP per supported track, PLAY, then keep-alives until it
 * fails or is closed (TEARDOWN). A redirect, or AUTO transport falling back from UDP to TCP, reconnects within
 * the same attempt. Every field is touched on {@link #loop} only; callbacks from a connection that has been
 * replaced are ignored.
 *
 * <p>Every failure ends in {@link SourceListener#onEnded} with a reason in words; nothing is thrown out of the
 * pipeline. {@link SourceListener#onReady} is called at the first RTP packet, so the stream never goes live
 * on a session that carries nothing (and a UDP-to-TCP fallback needs no second stream).
 */
final class RtspClientAttempt implements SourceAttempt, RtspClientUdp.Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(RtspClientAttempt.class);
    private static final long WATCHDOG_MILLIS = 500;

    private final RtspClient client;
    private final RtspClientConfig config;
    private final SourceConfig source;
    private final SourceListener listener;
    private final SourceCounters counters;
    private final EventLoop loop;
    private RtspClientAuth auth;
    /** Credentials were dropped at a redirect to another host: a 401 there is explained so. */
    private boolean credentialsWithheld;
    private URI url;
    private boolean tcp;
    private int redirects;
    private RtspClientConnection conn;
    private boolean ended;
    private boolean getParameterSupported;
    private String aggregateControl;
    private List<SdpTrack> tracks = List.of();
    private final List<RtspClientUdp> udp = new ArrayList<>();
    private int[] channelToTrack = new int[0];
    private String sessionId;
    private int sessionTimeoutSeconds = RtspSessionHeader.DEFAULT_TIMEOUT_SECONDS;
    private RtspToStream toStream;
    private long playNanos;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> watchdog;
    private ScheduledFuture<?> receiverReports;
    private volatile RtspClientRtcp rtcp;
    private InetSocketAddress[] serverRtcp = new InetSocketAddress[0];

    RtspClientAttempt(RtspClient client, SourceConfig source, SourceListener listener, SourceCounters counters,
                      EventLoop loop) {
        this.client = client;
        this.config = client.config();
        this.source = source;
        this.listener = listener;
        this.counters = counters;
        this.loop = loop;
        this.auth = new RtspClientAuth(source);
        this.url = RtspClientUrls.withoutUserInfo(source.url());
        this.tcp = source.transport() == Transport.TCP;
    }

    void start() {
        loop.execute(this::connect);
    }

    @Override
    public void close() {
        loop.execute(() -> {
            if (!ended) {
                ended = true;
                cleanup();
            }
        });
    }

    // ---- connection lifecycle

    private void connect() {
        if (ended) {
            return;
        }
        InetSocketAddress target;
        try {
            // Resolved here rather than by the bootstrap, so the address checked is the one connected to. A
            // blocking lookup on the loop, as Netty's default resolver does too (the JDK caches answers).
            target = new InetSocketAddress(InetAddress.getByName(url.getHost()), RtspClientUrls.port(url));
        } catch (UnknownHostException e) {
            fail("unknown host " + url.getHost());
            return;
        }
        String refusal = config.addresses().refusal(target);
        if (refusal != null) {
            fail(refusal);
            return;
        }
        RtspClientConnection c = new RtspClientConnection(this, config.responseTimeout().toMillis(),
                config.userAgent());
        conn = c;
        new Bootstrap().group(loop).channel(client.transport().socketChannel())
                .option(ChannelOption.ALLOCATOR, client.transport().allocator())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspClientInitializer(c))
                .connect(target)
                .addListener((ChannelFuture f) -> {
                    if (c != conn) {
                        f.channel().close();
                    } else if (!f.isSuccess()) {
                        fail(RtspClientFailures.connect(f.cause(), url.getHost(), config.connectTimeout()));
                    } else {
                        options();
                    }
                });
    }

    void onConnectionClosed(RtspClientConnection c) {
        if (c == conn) {
            fail("server closed the connection");
        }
    }

    void onConnectionError(RtspClientConnection c, Throwable cause) {
        if (c == conn) {
            LOG.debug("RTSP {}: connection failed", url, cause);
            fail(RtspClientFailures.connection(cause));
        }
    }

    void onResponseTimeout(RtspClientConnection c, String method) {
        if (c == conn) {
            fail("no response to " + method + " within " + config.responseTimeout().toSeconds() + " s");
        }
    }

    /** Reconnects within this attempt (redirect, or UDP-to-TCP fallback): the old session is torn down. */
    private void reconnect() {
        cleanup();
        sessionId = null;
        connect();
    }

    private void fail(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        LOG.debug("RTSP {} ended: {}", url, reason);
        cleanup();
        listener.onEnded(reason);
    }

    private void cleanup() {
        cancel(keepAlive);
        cancel(watchdog);
        cancel(receiverReports);
        keepAlive = null;
        watchdog = null;
        receiverReports = null;
        RtspClientConnection c = conn;
        conn = null;
        if (c != null) {
            c.cancelAll();
            Channel ch = c.channel();
            if (ch != null && ch.isActive() && sessionId != null) {
                RtspRequest teardown = new RtspRequest("TEARDOWN", aggregateControl);
                teardown.headers().set("CSeq", "0").set("Session", sessionId).set("User-Agent", config.userAgent());
                String authz = auth.header("TEARDOWN", aggregateControl);
                if (authz != null) {
                    teardown.headers().set("Authorization", authz);
                }
                ch.writeAndFlush(teardown).addListener(ChannelFutureListener.CLOSE);
            } else if (ch != null) {
                ch.close();
            }
        }
        udp.forEach(RtspClientUdp::close);
        udp.clear();
        if (toStream != null) {
            toStream.close();
            toStream = null;
        }
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    // ---- requests

    private void request(String method, String uri, Consumer<RtspHeaders> extra, Consumer<RtspResponse> handler) {
        request(method, uri, extra, handler, false);
    }

    private void request(String method, String uri, Consumer<RtspHeaders> extra, Consumer<RtspResponse> handler,
                         boolean authRetried) {
        RtspClientConnection c = conn;
        if (c == null) {
            return;
        }
        RtspRequest req = new RtspRequest(method, uri);
        extra.accept(req.headers());
        if (sessionId != null) {
            req.headers().set("Session", sessionId);
        }
        String authz = auth.header(method, uri);
        if (authz != null) {
            req.headers().set("Authorization", authz);
        }
        c.send(req, r -> {
            if (c != conn || ended) {
                return;
            }
            if (r.status() == RtspStatus.UNAUTHORIZED) {
                if (!authRetried && auth.accept(r.headers().getAll("WWW-Authenticate"))) {
                    request(method, uri, extra, handler, true);
                } else {
                    fail(RtspClientFailures.status(r.status()) + (auth.hasCredentials() ? ": wrong credentials"
                            : credentialsWithheld ? ": the camera's credentials are not sent to the other host it "
                            + "redirected to" : ": the camera needs credentials"));
                }
                return;
            }
            handler.accept(r);
        });
    }

    /** Follows a 3xx with a Location; returns true if the response was a redirect (followed or failed). */
    private boolean redirected(RtspResponse r) {
        if (r.status() < 300 || r.status() >= 400) {
            return false;
        }
        String location = r.headers().get("Location");
        URI next = RtspClientUrls.parse(location);
        if (next == null) {
            fail(RtspClientFailures.status(r.status()) + " without a usable Location");
        } else if (++redirects > config.maxRedirects()) {
            fail("more than " + config.maxRedirects() + " redirects");
        } else {
            LOG.debug("RTSP {} redirected to {}", url, next);
            if (!RtspClientUrls.sameOrigin(url, next)) {
                // Browsers' and curl's rule: credentials go only to the host (and port) they were given for.
                auth = RtspClientAuth.none();
                credentialsWithheld = true;
            }
            url = next;
            reconnect();
        }
        return true;
    }

    private void options() {
        request("OPTIONS", url.toString(), h -> { }, r -> {
            if (redirected(r)) {
                return;
            }
            String methods = r.headers().get("Public");
            getParameterSupported = methods != null && methods.toUpperCase().contains("GET_PARAMETER");
            describe();
        });
    }

    private void describe() {
        request("DESCRIBE", url.toString(), h -> h.set("Accept", "application/sdp"), r -> {
            if (redirected(r)) {
                return;
            }
            if (!r.isSuccess()) {
                fail("DESCRIBE refused: " + RtspClientFailures.status(r.status()));
                return;
            }
            SessionDescription sdp;
            try {
                sdp = SdpParser.parse(r.body());
            } catch (SdpException e) {
                LOG.debug("RTSP {}: unusable session description: {}", url, e.getMessage());
                fail("camera sent an unusable session description");
                return;
            }
            String base = RtspClientUrls.contentBase(r, url);
            List<SdpTrack> all = sdp.tracks();
            tracks = all.stream().filter(SdpTrack::supported).toList();
            if (tracks.isEmpty()) {
                fail("camera offered no supported track (codecs: "
                        + String.join(", ", all.stream().map(t -> RtspClientFailures.codec(t.codecName())).toList())
                        + ")");
                return;
            }
            if (tracks.size() < all.size()) {
                LOG.info("RTSP {}: skipping unsupported track(s): {}", url, all.stream()
                        .filter(t -> !t.supported()).map(SdpTrack::codecName).toList());
            }
            aggregateControl = SdpControl.resolve(base, sdp.control());
            List<String> controls = tracks.stream().map(t -> SdpControl.resolve(base, t.control())).toList();
            channelToTrack = new int[2 * tracks.size()];
            serverRtcp = new InetSocketAddress[tracks.size()];
            setup(0, controls);
        });
    }

    // ---- setup and play

    private void setup(int i, List<String> controls) {
        if (i == tracks.size()) {
            play();
        } else if (tcp) {
            sendSetup(i, controls, RtspTransport.tcp(2 * i));
        } else {
            RtspClientConnection c = conn;
            RtspClientUdp.bind(client.transport(), loop, i, this, pair -> {
                if (c != conn || ended) {
                    if (pair != null) {
                        pair.close();
                    }
                } else if (pair == null) {
                    fail("cannot bind a UDP port pair for RTP");
                } else {
                    udp.add(pair);
                    sendSetup(i, controls, RtspTransport.udp(pair.rtpPort(), pair.rtcpPort()));
                }
            });
        }
    }

    private void sendSetup(int i, List<String> controls, RtspTransport offer) {
        request("SETUP", controls.get(i), h -> h.set("Transport", offer.format()), r -> {
            if (r.status() == RtspStatus.UNSUPPORTED_TRANSPORT && !tcp && source.transport() == Transport.AUTO) {
                LOG.info("RTSP {}: UDP refused ({}), retrying over TCP", url, r.statusLine());
                tcp = true;
                reconnect();
                return;
            }
            if (!r.isSuccess()) {
                fail("SETUP refused: " + RtspClientFailures.status(r.status()));
                return;
            }
            RtspSessionHeader session = RtspSessionHeader.parse(r.headers().get("Session"));
            if (sessionId == null && session != null) {
                sessionId = session.id();
                sessionTimeoutSeconds = session.timeoutSeconds();
            }
            List<RtspTransport> reply = RtspTransport.parseAll(r.headers().get("Transport"));
            int rtpChannel = offer.interleavedRtp();
            if (tcp && !reply.isEmpty() && reply.get(0).interleavedRtp() >= 0) {
                rtpChannel = reply.get(0).interleavedRtp();
            }
            if (!tcp && !reply.isEmpty()) {
                serverRtcp[i] = serverRtcpAddress(reply.get(0));
            }
            if (tcp) {
                if (rtpChannel + 1 >= channelToTrack.length) {
                    channelToTrack = Arrays.copyOf(channelToTrack, rtpChannel + 2);
                }
                channelToTrack[rtpChannel] = i + 1;
            }
            setup(i + 1, controls);
        });
    }

    /** The camera's RTCP port from the SETUP reply (its second server port, else the RTP port + 1), or null. */
    private InetSocketAddress serverRtcpAddress(RtspTransport reply) {
        int port = reply.serverRtcpPort() > 0 ? reply.serverRtcpPort()
                : reply.serverRtpPort() > 0 ? reply.serverRtpPort() + 1 : -1;
        Channel ch = conn == null ? null : conn.channel();
        return port <= 0 || ch == null ? null
                : new InetSocketAddress(((InetSocketAddress) ch.remoteAddress()).getAddress(), port);
    }

    private void play() {
        request("PLAY", aggregateControl, h -> h.set("Range", "npt=0.000-"), r -> {
            if (!r.isSuccess()) {
                fail("PLAY refused: " + RtspClientFailures.status(r.status()));
                return;
            }
            List<MediaFormat> formats = tracks.stream().map(SdpTrack::format).toList();
            toStream = new RtspToStream(formats, tcp ? 0 : RtpReceiver.DEFAULT_UDP_REORDER_WINDOW, counters);
            rtcp = new RtspClientRtcp(formats);
            if (!tcp) {
                receiverReports = loop.scheduleAtFixedRate(this::sendReceiverReports,
                        RtspClientRtcp.RECEIVER_REPORT_INTERVAL_MILLIS, RtspClientRtcp.RECEIVER_REPORT_INTERVAL_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
            playNanos = System.nanoTime();
            long keepAliveMillis = Math.max(1000, sessionTimeoutSeconds * 1000L / 2);
            keepAlive = loop.scheduleAtFixedRate(this::keepAlive, keepAliveMillis, keepAliveMillis,
                    TimeUnit.MILLISECONDS);
            watchdog = loop.scheduleAtFixedRate(this::watchdog, WATCHDOG_MILLIS, WATCHDOG_MILLIS,
                    TimeUnit.MILLISECONDS);
        });
    }

    private void keepAlive() {
        request(getParameterSupported ? "GET_PARAMETER" : "OPTIONS", aggregateControl, h -> { }, r -> { });
    }

    private void sendReceiverReports() {
        if (ended || rtcp == null) {
            return;
        }
        Channel[] sockets = new Channel[udp.size()];
        for (int i = 0; i < sockets.length; i++) {
            sockets[i] = udp.get(i).rtcpChannel();
        }
        rtcp.sendReceiverReports(sockets, serverRtcp, System.nanoTime());
    }

    /**
     * The camera's latest RTCP sender report for {@code track} (its NTP↔RTP timestamp mapping, RFC 3550
     * §6.4.1), or null before the first one arrived. Any thread.
     */
    RtcpSenderReport lastSenderReport(int track) {
        RtspClientRtcp r = rtcp;
        return r == null ? null : r.lastSenderReport(track);
    }

    private void watchdog() {
        if (ended || toStream == null) {
            return;
        }
        long now = System.nanoTime();
        long last = toStream.lastPacketNanos();
        if (last == 0 && !tcp && source.transport() == Transport.AUTO
                && now - playNanos > config.udpFallbackAfter().toNanos()) {
            LOG.info("RTSP {}: no UDP packets {} s after PLAY, retrying over TCP", url,
                    config.udpFallbackAfter().toSeconds());
            tcp = true;
            reconnect();
        } else if (now - (last == 0 ? playNanos : last) > config.noMediaTimeout().toNanos()) {
            fail("no media for " + config.noMediaTimeout().toSeconds() + " s");
        }
    }

    // ---- media

    /** An interleaved frame of connection {@code c}. <b>Takes ownership</b> of {@code packet}. */
    void onFrame(RtspClientConnection c, int ch, ByteBuf packet) {
        int rtpCh = ch & ~1;
        if (c != conn || toStream == null || rtpCh >= channelToTrack.length || channelToTrack[rtpCh] == 0) {
            packet.release();
        } else if ((ch & 1) == 1) {
            try {
                rtcp.onRtcp(channelToTrack[rtpCh] - 1, packet, System.nanoTime());
            } finally {
                packet.release();
            }
        } else {
            media(channelToTrack[ch] - 1, packet);
        }
    }

    @Override
    public void onUdp(int track, boolean rtcp, DatagramPacket packet) {
        Channel ch = conn == null ? null : conn.channel();
        boolean fromServer = ch != null && packet.sender().getAddress()
                .equals(((InetSocketAddress) ch.remoteAddress()).getAddress());
        if (rtcp && toStream != null && fromServer) {
            try {
                this.rtcp.onRtcp(track, packet.content(), System.nanoTime());
            } finally {
                packet.release();
            }
            return;
        }
        if (rtcp || toStream == null || !fromServer) {
            if (!fromServer && !rtcp) {
                counters.invalid(1);
            }
            packet.release();
            return;
        }
        media(track, packet.content());
    }

    /** <b>Takes ownership</b> of {@code packet}. */
    private void media(int track, ByteBuf packet) {
        if (!toStream.started()) {
            Stream stream = listener.onReady(tracks.stream().map(SdpTrack::format).toList(), loop);
            if (stream == null) {
                packet.release();
                fail("path no longer wants this source");
                return;
            }
            toStream.start(stream);
        }
        long now = System.nanoTime();
        rtcp.onRtp(track, packet, now);
        toStream.receive(track, packet, now);
    }
}
