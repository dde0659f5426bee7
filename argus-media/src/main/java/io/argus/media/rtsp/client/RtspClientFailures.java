package io.argus.media.rtsp.client;

import io.argus.media.rtsp.RtspProtocolException;
import io.netty.channel.ConnectTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;

/** Turns exceptions into the reasons operators read in a path's status. */
final class RtspClientFailures {

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
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (c instanceof RtspProtocolException) {
            return "server broke the RTSP protocol: " + c.getMessage();
        }
        if (c instanceof IOException) {
            return "connection lost: " + c.getMessage();
        }
        return "client error: " + c;
    }
}
