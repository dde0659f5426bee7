package io.argus.media.rtsp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and limits of the RTSP client.
 *
 * @param connectTimeout   TCP connect; a camera on the LAN answers in milliseconds, 5 s covers a VPN
 * @param responseTimeout  each request; cameras under load take a few seconds to DESCRIBE
 * @param noMediaTimeout   no RTP at all for this long ends the attempt (and the path reconnects)
 * @param udpFallbackAfter with transport AUTO, no UDP packet this long after PLAY means a NAT or firewall
 *                         eats them: reconnect over TCP
 * @param maxRedirects     3xx hops followed per attempt; more is a loop
 * @param userAgent        the User-Agent header
 */
public record RtspClientConfig(Duration connectTimeout, Duration responseTimeout, Duration noMediaTimeout,
                               Duration udpFallbackAfter, int maxRedirects, String userAgent) {

    public static final RtspClientConfig DEFAULT = new RtspClientConfig(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(3), 3, "Argus");

    public RtspClientConfig {
        Objects.requireNonNull(userAgent);
        for (Duration d : new Duration[] {connectTimeout, responseTimeout, noMediaTimeout, udpFallbackAfter}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("RTSP client timeouts must be positive: " + d);
            }
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0: " + maxRedirects);
        }
    }
}
