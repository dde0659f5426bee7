package io.argus.server.onvif;

import io.argus.metadata.OnvifDevice;
import io.argus.metadata.OnvifDeviceRepository;
import io.argus.onvif.client.Credentials;
import io.argus.onvif.client.OnvifClient;
import io.argus.onvif.client.SoapTransport;
import io.argus.onvif.xml.SafeXml;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connected client per device, so a PTZ move is one request and not three (the clock and the services are read
 * when the client connects). A client is forgotten after a failure, so the next use reconnects: a restarted device
 * may have another clock, or moved its services. The measured clock offset is stored with the device (its status).
 */
final class OnvifSessions {
    /** How long one SOAP request may take: cameras answer in tens of milliseconds, a busy NVR in a second or two. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** How long to wait for a TCP connection to a device. */
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

    private final OnvifDeviceRepository repo;
    private final HttpClient http = SoapTransport.defaultHttpClient(CONNECT_TIMEOUT);
    private final SafeXml xml = SafeXml.standard();
    private final Clock clock;
    private final Map<UUID, OnvifClient> clients = new ConcurrentHashMap<>();

    OnvifSessions(OnvifDeviceRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    /** A client for a device not added yet (onboarding), connected now. */
    OnvifClient connect(URI xaddr, Credentials credentials) {
        return OnvifClient.connect(xaddr, transport(credentials));
    }

    SoapTransport transport(Credentials credentials) {
        return new SoapTransport(http, xml, credentials, clock, REQUEST_TIMEOUT);
    }

    /**
     * The device's client, connecting (and storing the new clock offset) when there is none. Not computeIfAbsent:
     * connecting takes two round trips, and the map must not hold a lock on other devices meanwhile (two
     * concurrent first uses of one device may both connect; one client is kept).
     */
    OnvifClient client(OnvifDevice d) {
        OnvifClient c = clients.get(d.id());
        if (c != null) {
            return c;
        }
        c = connect(URI.create(d.xaddr()), new Credentials(d.username(), d.password()));
        long offset = c.clockOffset().offset().toMillis();
        if (offset != d.clockOffsetMillis()) {
            repo.updateClockOffset(d.tenantId(), d.id(), offset);
        }
        OnvifClient before = clients.putIfAbsent(d.id(), c);
        return before != null ? before : c;
    }

    /** Forgets the device's client after a failure (or its removal). */
    void forget(UUID device) {
        clients.remove(device);
    }

    /** Adopts a client made while onboarding, so the first PTZ move needs no reconnect. */
    void adopt(UUID device, OnvifClient client) {
        clients.put(device, client);
    }
}
