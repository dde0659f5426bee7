package io.argus.media.srt;

import io.argus.media.path.SourceAddressPolicy;
import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.srt.internal.LibSrt;
import io.argus.media.srt.internal.SrtException;
import io.argus.media.srt.internal.SrtPoller;
import io.argus.media.srt.internal.SrtSockets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One SRT caller connection: connects without blocking (libsrt reports the handshake's end on the poller's epoll),
 * then reads like a listener's connection ({@link SrtInput}). A refusal is reported with the listener's reject
 * code in words ({@link SrtRejectCodes}): a camera's last error then says "wrong passphrase" or "unauthorized
 * (1401)". Runs on the poller.
 */
final class SrtClientAttempt implements SourceAttempt {
    /** The default SRT port when the URL has none: MediaMTX's and Argus's listener port. */
    static final int DEFAULT_PORT = 8890;

    private final Srt srt;
    private final SrtSockets sockets;
    private final SrtPoller poller;
    private final SourceAddressPolicy addresses;
    private final SourceConfig config;
    private final SourceListener listener;
    private final SourceCounters counters;
    private InetSocketAddress target;
    private int socket = LibSrt.SRT_INVALID_SOCK;
    private SrtInput input;
    private SrtConnection connection;
    private boolean ended;

    SrtClientAttempt(Srt srt, SrtPoller poller, SourceAddressPolicy addresses, SourceConfig config,
                     SourceListener listener, SourceCounters counters) {
        this.srt = srt;
        this.sockets = srt.sockets();
        this.poller = poller;
        this.addresses = addresses;
        this.config = config;
        this.listener = listener;
        this.counters = counters;
    }

    /** The query's parameters, percent-decoded; a {@code #} in the streamid may come unencoded (as the fragment). */
    static Map<String, String> parameters(URI url) {
        String query = url.getRawQuery() == null ? "" : url.getRawQuery();
        if (url.getRawFragment() != null) {
            query += "%23" + url.getRawFragment();
        }
        Map<String, String> out = new HashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"),
                        StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    void connect() {
        if (ended) {
            return;
        }
        URI url = config.url();
        try {
            target = new InetSocketAddress(InetAddress.getByName(url.getHost()),
                    url.getPort() < 0 ? DEFAULT_PORT : url.getPort());
        } catch (UnknownHostException e) {
            fail("unknown host " + url.getHost());
            return;
        }
        String refusal = addresses.refusal(target);
        if (refusal != null) {
            fail(refusal);
            return;
        }
        Map<String, String> params = parameters(url);
        String passphrase = config.password() != null ? config.password() : params.get("passphrase");
        try {
            socket = sockets.create();
            sockets.setBoolean(socket, LibSrt.SRTO_RCVSYN, false);
            if (params.containsKey("streamid")) {
                sockets.setString(socket, LibSrt.SRTO_STREAMID, params.get("streamid"));
            }
            if (passphrase != null && !passphrase.isEmpty()) {
                sockets.setString(socket, LibSrt.SRTO_PASSPHRASE, passphrase);
            }
            if (params.containsKey("pbkeylen")) {
                sockets.setInt(socket, LibSrt.SRTO_PBKEYLEN, Integer.parseInt(params.get("pbkeylen")));
            }
            if (params.containsKey("latency")) {
                sockets.setInt(socket, LibSrt.SRTO_LATENCY, Integer.parseInt(params.get("latency")));
            }
            poller.register(socket, LibSrt.SRT_EPOLL_OUT | LibSrt.SRT_EPOLL_ERR, this::connecting);
            byte[] address = SrtSockets.sockaddr(target);
            if (sockets.lib().srt_connect(socket, address, address.length) == LibSrt.SRT_ERROR) {
                throw sockets.error("connect");
            }
        } catch (SrtException | NumberFormatException e) {
            fail("SRT connection to " + config.redactedUrl() + " failed: " + e.getMessage());
        }
    }

    /** The handshake ended: connected (readable from now on), or refused or timed out. */
    private void connecting(int events) {
        poller.unregister(socket);
        if (sockets.lib().srt_getsockstate(socket) != LibSrt.SRTS_CONNECTED) {
            int reason = sockets.lib().srt_getrejectreason(socket);
            fail("SRT connection to " + config.redactedUrl() + " refused: " + (reason >= 1000
                    ? SrtRejectCodes.describe(reason) : sockets.lib().srt_rejectreason_str(reason)));
            return;
        }
        // Metrics know a caller connection by where it goes: the connector is not told the camera's name.
        connection = new SrtConnection("srt://" + target.getHostString() + ":" + target.getPort(), target, true);
        input = new SrtInput(sockets, poller, socket, config.redactedUrl(), counters, listener, reason -> {
            ended = true;
            srt.connections().closed(connection);
        });
        try {
            poller.register(socket, input);
        } catch (SrtException e) {
            input.close("SRT socket cannot be read: " + e.getMessage());
            return;
        }
        srt.connections().opened(connection);
        poller.schedule(this::refreshStats, 1, TimeUnit.SECONDS);
    }

    private void refreshStats() {
        if (!ended) {
            connection.stats(input.stats());
            poller.schedule(this::refreshStats, 1, TimeUnit.SECONDS);
        }
    }

    private void fail(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        if (socket != LibSrt.SRT_INVALID_SOCK) {
            poller.unregister(socket);
            sockets.lib().srt_close(socket);
        }
        listener.onEnded(reason);
    }

    @Override
    public void close() {
        poller.execute(() -> {
            if (input != null) {
                ended = true;
                input.close("closed");
            } else if (!ended) {
                ended = true;
                if (socket != LibSrt.SRT_INVALID_SOCK) {
                    poller.unregister(socket);
                    sockets.lib().srt_close(socket);
                }
            }
        });
    }
}
