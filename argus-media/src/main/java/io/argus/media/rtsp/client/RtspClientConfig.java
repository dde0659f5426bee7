package io.argus.media.rtsp.client;

import io.argus.media.path.SourceAddressPolicy;
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
 * @param addresses        which resolved addresses the client may connect to (redirect targets included)
 */
public record RtspClientConfig(Duration connectTimeout, Duration responseTimeout, Duration noMediaTimeout,
                               Duration udpFallbackAfter, int maxRedirects, String userAgent,
                               SourceAddressPolicy addresses) {

    /** The defaults, connecting anywhere ({@link SourceAddressPolicy#ANY}). */
    public static final RtspClientConfig DEFAULT = new RtspClientConfig(Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(3), 3, "Argus",
            SourceAddressPolicy.ANY);

    public RtspClientConfig {
        Objects.requireNonNull(userAgent);
        Objects.requireNonNull(addresses);
        for (Duration d : new Duration[] {connectTimeout, responseTimeout, noMediaTimeout, udpFallbackAfter}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("RTSP client timeouts must be positive: " + d);
            }
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be >= 0: " + maxRedirects);
        }
    }

    /** This configuration connecting only where {@code policy} allows. */
    public RtspClientConfig withAddresses(SourceAddressPolicy policy) {
        return new RtspClientConfig(connectTimeout, responseTimeout, noMediaTimeout, udpFallbackAfter, maxRedirects,
                userAgent, policy);
    }
}
