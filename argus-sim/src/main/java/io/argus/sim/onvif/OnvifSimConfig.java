package io.argus.sim.onvif;

import java.time.Duration;

/**
 * How the simulated ONVIF devices behave.
 *
 * @param host          bind address of the HTTP and discovery sockets
 * @param port          HTTP port of every device's services (0 picks a free one)
 * @param discoveryPort UDP port answering WS-Discovery probes (3702 is the standard one and also joins the multicast
 *                      group; 0 picks a free one, for tests that probe by unicast; -1 for none)
 * @param username      the device account
 * @param password      its password
 * @param eventPeriod   how often each device raises a motion event (alternately IsMotion true and false)
 * @param httpDigest    whether the devices demand HTTP digest instead of reading WS-Security
 * @param clockSkew     how far each device's clock is ahead of the host's (negative: behind)
 */
public record OnvifSimConfig(String host, int port, int discoveryPort, String username, String password,
                             Duration eventPeriod, boolean httpDigest, Duration clockSkew) {
    public static final int STANDARD_DISCOVERY_PORT = 3702;

    public OnvifSimConfig {
        if (port < 0 || port > 65535 || discoveryPort < -1 || discoveryPort > 65535) {
            throw new IllegalArgumentException("ports must be 0..65535: " + port + ", " + discoveryPort);
        }
        if (eventPeriod.isNegative() || eventPeriod.isZero()) {
            throw new IllegalArgumentException("the event period must be positive: " + eventPeriod);
        }
    }

    /** Devices on {@code host:port} with admin/admin, a motion event every 5 s, WS-Security, on time. */
    public static OnvifSimConfig defaults(String host, int port, int discoveryPort) {
        return new OnvifSimConfig(host, port, discoveryPort, "admin", "admin", Duration.ofSeconds(5), false,
                Duration.ZERO);
    }

    public OnvifSimConfig withClockSkew(Duration skew) {
        return new OnvifSimConfig(host, port, discoveryPort, username, password, eventPeriod, httpDigest, skew);
    }

    public OnvifSimConfig withHttpDigest(boolean digest) {
        return new OnvifSimConfig(host, port, discoveryPort, username, password, eventPeriod, digest, clockSkew);
    }

    public OnvifSimConfig withEventPeriod(Duration period) {
        return new OnvifSimConfig(host, port, discoveryPort, username, password, period, httpDigest, clockSkew);
    }

    @Override
    public String toString() {
        return "OnvifSimConfig[" + host + ":" + port + ", discovery " + discoveryPort + ", user " + username
                + ", events every " + eventPeriod + (httpDigest ? ", HTTP digest" : "") + ", skew " + clockSkew + "]";
    }
}
