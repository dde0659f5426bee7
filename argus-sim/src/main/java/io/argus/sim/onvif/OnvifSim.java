package io.argus.sim.onvif;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.argus.onvif.security.HttpDigest;
import io.argus.onvif.security.UsernameToken;
import io.argus.onvif.soap.Soap;
import io.argus.onvif.xml.SafeXml;
import io.argus.onvif.xml.XmlException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ONVIF devices of the simulator on one HTTP port: {@code /onvif/cam<i>/<service>} for the device, media,
 * media2, ptz and events services, {@code /onvif/cam<i>/events/sub/<id>} for pull-point subscriptions and
 * {@code /onvif/cam<i>/snapshot/<profile>.jpg} for snapshots (GET), plus the WS-Discovery responder. Requests are checked as a device checks them: a UsernameToken digest within five minutes
 * of the device's (possibly skewed) clock, or HTTP digest when configured; only GetSystemDateAndTime is open
 * (ONVIF Core §5.9.4), so clients can measure the skew first.
 */
public final class OnvifSim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifSim.class);
    /** ONVIF Core §5.12.2 leaves the window to the device; five minutes is what cameras commonly allow. */
    static final Duration TOKEN_WINDOW = Duration.ofMinutes(5);
    /** A request larger than this is not a SOAP operation this device serves. */
    static final int MAX_REQUEST = 256 * 1024;
    /** Digest nonces remembered; past this many the oldest clients simply get a fresh challenge. */
    static final int MAX_NONCES = 10_000;
    private static final String REALM = "Argus Sim";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final OnvifSimConfig config;
    private final SimSnapshots snapshots;
    private final HttpServer http;
    private final ExecutorService executor;
    private final List<SimOnvifDevice> devices = new ArrayList<>();
    private final SafeXml xml = SafeXml.standard();
    private final Set<String> nonces = ConcurrentHashMap.newKeySet();
    private SimDiscoveryResponder discoveryResponder;

    private OnvifSim(OnvifSimConfig config, HttpServer http, ExecutorService executor, SimSnapshots snapshots) {
        this.config = config;
        this.snapshots = snapshots;
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts {@code cameras} devices; {@code profiles} gives device {@code i}'s media profiles (with its base
     * address, {@code http://host:port/onvif/cam<i>/}), {@code snapshots} the pictures their snapshot URIs serve.
     */
    public static OnvifSim start(OnvifSimConfig config, int cameras, IntFunction<List<SimOnvifDevice.Profile>> profiles,
                                 SimSnapshots snapshots) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 256);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        OnvifSim sim = new OnvifSim(config, http, executor, snapshots);
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        int port = http.getAddress().getPort();
        Clock clock = Clock.offset(Clock.systemUTC(), config.clockSkew());
        for (int i = 1; i <= cameras; i++) {
            URI base = URI.create("http://" + host + ":" + port + "/onvif/cam" + i + "/");
            sim.devices.add(new SimOnvifDevice(i, base, profiles.apply(i), clock, config.eventPeriod()));
        }
        http.createContext("/onvif/", sim::serve);
        http.start();
        try {
            sim.startDiscovery();
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    private void startDiscovery() throws IOException {
        if (config.discoveryPort() >= 0) {
            discoveryResponder = SimDiscoveryResponder.start(config.host(), config.discoveryPort(), devices);
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The UDP port answering WS-Discovery probes, or -1 when there is none. */
    public int discoveryPort() {
        return discoveryResponder == null ? -1 : discoveryResponder.port();
    }

    public List<SimOnvifDevice> devices() {
        return List.copyOf(devices);
    }

    /** Device {@code i} (1-based). */
    public SimOnvifDevice device(int i) {
        return devices.get(i - 1);
    }

    private void serve(HttpExchange ex) throws IOException {
        // Not try-with-resources: that would close the exchange before a catch could answer with the fault.
        try {
            String[] parts = ex.getRequestURI().getPath().split("/");
            // "", "onvif", "cam<i>", service [, "sub", id], or "", "onvif", "cam<i>", "snapshot", "<profile>.jpg"
            Optional<SimOnvifDevice> device = parts.length >= 4 && parts[2].startsWith("cam")
                    ? deviceNamed(parts[2].substring(3)) : Optional.empty();
            if (device.isPresent() && parts.length == 5 && parts[3].equals("snapshot")
                    && ex.getRequestMethod().equals("GET")) {
                snapshot(ex, device.get(), parts[4]);
                return;
            }
            if (device.isEmpty() || !ex.getRequestMethod().equals("POST")) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = read(ex.getRequestBody());
            if (body == null) {
                reply(ex, 413, Soap.fault("s:Sender", null, "request larger than " + MAX_REQUEST + " bytes"));
                return;
            }
            reply(ex, 200, Soap.envelope("", answer(ex, device.get(), parts, body)));
        } catch (SimFault f) {
            reply(ex, f.status, Soap.fault(f.code, f.subcode, f.getMessage()));
        } catch (DigestChallenge c) {
            ex.getResponseHeaders().add("WWW-Authenticate", c.header);
            reply(ex, 401, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warn("simulated ONVIF device failed on {}", ex.getRequestURI(), e);
            reply(ex, 500, Soap.fault("s:Receiver", null, "internal error: " + e));
        } finally {
            ex.close();
        }
    }

    private String answer(HttpExchange ex, SimOnvifDevice device, String[] parts, byte[] body)
            throws InterruptedException {
        Soap.Message msg;
        try {
            msg = Soap.read(xml, body);
        } catch (XmlException e) {
            throw SimFault.sender("ter:WellFormed", e.getMessage());
        }
        var op = msg.payload();
        boolean open = op.localName().equals("GetSystemDateAndTime");
        if (!open) {
            authenticate(ex, device, msg);
        }
        if (parts.length >= 6 && parts[3].equals("events") && parts[4].equals("sub")) {
            return device.subscription(parts[5], op);
        }
        return device.handle(parts[3], op);
    }

    /**
     * A snapshot URI: the JPEG of what the profile shows now. Behind HTTP digest when the device asks for it, else
     * open, as many cameras leave it (there is no WS-Security on a GET).
     */
    private void snapshot(HttpExchange ex, SimOnvifDevice device, String file) throws IOException {
        if (config.httpDigest()) {
            httpDigest(ex, "GET");
        }
        Optional<byte[]> jpeg = file.endsWith(".jpg")
                ? snapshots.jpeg(device.index(), file.substring(0, file.length() - 4)) : Optional.empty();
        if (jpeg.isEmpty()) {
            ex.sendResponseHeaders(404, -1);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "image/jpeg");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(200, jpeg.get().length);
        ex.getResponseBody().write(jpeg.get());
    }

    private void authenticate(HttpExchange ex, SimOnvifDevice device, Soap.Message msg) {
        if (config.httpDigest()) {
            httpDigest(ex, "POST");
            return;
        }
        UsernameToken.Check check = UsernameToken.verify(msg.header(), u -> u.equals(config.username())
                ? Optional.of(config.password()) : Optional.empty(), device.clock().instant(), TOKEN_WINDOW);
        if (check != UsernameToken.Check.OK) {
            LOG.debug("cam{} refused a request: {}", device.index(), check);
            throw SimFault.notAuthorized();
        }
    }

    /** Returns when the request carries a valid HTTP digest for {@code method}; else throws a fresh challenge. */
    private void httpDigest(HttpExchange ex, String method) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        var sent = HttpDigest.parseChallenge(auth);
        if (sent.isPresent() && nonces.contains(sent.get().get("nonce")) && HttpDigest.verify(auth,
                sent.get().get("nonce"), REALM, config.username(), config.password(), method)) {
            return;
        }
        String nonce = HexFormat.of().formatHex(nonce());
        if (nonces.size() > MAX_NONCES) {
            nonces.clear();
        }
        nonces.add(nonce);
        throw new DigestChallenge("Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"" + nonce
                + "\", algorithm=MD5");
    }

    private static byte[] nonce() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return b;
    }

    private Optional<SimOnvifDevice> deviceNamed(String number) {
        try {
            int i = Integer.parseInt(number);
            return i >= 1 && i <= devices.size() ? Optional.of(devices.get(i - 1)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static byte[] read(InputStream in) throws IOException {
        byte[] b = in.readNBytes(MAX_REQUEST + 1);
        return b.length > MAX_REQUEST ? null : b;
    }

    private static void reply(HttpExchange ex, int status, String body) {
        try {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", Soap.CONTENT_TYPE);
            ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                ex.getResponseBody().write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("could not answer {}: {}", ex.getRequestURI(), e.getMessage());
        }
    }

    /** A 401 with a digest challenge. */
    private static final class DigestChallenge extends RuntimeException {
        final String header;

        DigestChallenge(String header) {
            super(null, null, false, false);
            this.header = header;
        }
    }

    @Override
    public void close() {
        if (discoveryResponder != null) {
            discoveryResponder.close();
        }
        http.stop(0);
        executor.shutdownNow();
    }
}
