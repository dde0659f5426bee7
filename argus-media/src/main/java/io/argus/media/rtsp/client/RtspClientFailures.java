package io.argus.media.rtsp.client;

import io.argus.media.rtsp.RtspProtocolException;
import io.argus.media.rtsp.RtspStatus;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns exceptions and answers into the reasons operators read in a path's status and the connection test. They
 * say what happened at the RTSP level in our own words and never carry the peer's bytes: a URL pointed at some
 * other service must not turn the connection test into a way to read that service's answers.
 */
final class RtspClientFailures {
    /**
     * What a track's codec description may look like to be shown as it is: {@code MJPEG}, {@code MP4A-LATM},
     * {@code H264 (packetization-mode=2)}, {@code PCMU (clock rate 16000)}.
     */
    private static final Pattern CODEC = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9._-]{0,19}( \\([a-z -]{1,24}[= ][A-Za-z0-9-]{1,10}\\))?");

    private RtspClientFailures() {
    }

    static String connect(Throwable cause, String host, Duration timeout) {
        if (cause instanceof ConnectTimeoutException) {
            return "connection timed out after " + timeout.toSeconds() + " s";
        }
        if (cause instanceof UnknownHostException) {
            return "unknown host " + host;
        }
        if (cause instanceof NoRouteToHostException) {
            return "no route to host " + host;
        }
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof ConnectException && message.toLowerCase().contains("refused")) {
            return "connection refused";
        }
        return "cannot connect: " + (message.isEmpty() ? cause.getClass().getSimpleName() : message);
    }

    static String connection(Throwable cause) {
        if (cause instanceof EncoderException && cause.getCause() instanceof RtspProtocolException) {
            return "refused to send a request with a line break in a header (check the camera's user name and "
                    + "password)";
        }
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof RtspProtocolException) {
            return "not an RTSP server, or one that broke the protocol";
        }
        if (c instanceof IOException) {
            return "connection lost";
        }
        return "client error";
    }

    /** A status code with its standard reason phrase, e.g. {@code 401 Unauthorized}; the camera's own is not shown. */
    static String status(int code) {
        String reason = RtspStatus.reason(code);
        return reason.isEmpty() ? Integer.toString(code) : code + " " + reason;
    }

    /** An SDP codec name as shown to operators: itself when it looks like one, else {@code unknown}. */
    static String codec(String name) {
        return CODEC.matcher(name).matches() ? name : "unknown";
    }
}
