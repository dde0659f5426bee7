package io.argus.server.onvif;

import io.argus.metadata.Camera;
import io.argus.metadata.DuplicateNameException;
import io.argus.metadata.OnvifDevice;
import io.argus.metadata.OnvifDeviceRepository;
import io.argus.metadata.TenantScope;
import io.argus.onvif.client.Credentials;
import io.argus.onvif.client.DeviceInformation;
import io.argus.onvif.client.MediaProfile;
import io.argus.onvif.client.OnvifClient;
import io.argus.onvif.client.OnvifException;
import io.argus.onvif.client.PtzClient;
import io.argus.onvif.client.ServiceAddresses;
import io.argus.onvif.discovery.ProbeMatch;
import io.argus.onvif.discovery.WsDiscovery;
import io.argus.server.camera.CameraChange;
import io.argus.server.camera.CameraException;
import io.argus.server.camera.CameraService;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovers, onboards and drives ONVIF devices. Adding a device reads its clock, services, identity, profiles and
 * stream URIs, stores it (password sealed), creates one camera per chosen profile and starts pulling its events;
 * bulk adding does that for many devices at once, a bounded number at a time, and reports each one's outcome.
 */
public final class OnvifService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifService.class);
    /** How long discovery listens: ONVIF Core §7.3 devices answer within APP_MAX_DELAY (500 ms), plus margin. */
    static final Duration DISCOVERY_WINDOW = Duration.ofMillis(1500);
    /**
     * Devices onboarded at once in a bulk add: each takes a handful of sequential requests, so 32 in flight keep
     * 200 devices well under a minute without opening hundreds of connections to one NVR.
     */
    static final int BULK_PARALLELISM = 32;
    /** Most devices one bulk add takes. */
    public static final int MAX_BULK = 1000;

    /** A device that answered a probe; its identity comes from GetDeviceInformation when it answers that. */
    public record Discovered(String address, String xaddr, String manufacturer, String model, String firmware,
                             String serial, String hardwareId, List<String> scopes, boolean added) {
    }

    /** A device to add: its device service address and account. */
    public record DeviceRequest(String xaddr, String username, String password) {
        @Override
        public String toString() {
            return "DeviceRequest[" + xaddr + ", " + username + "]";
        }
    }

    /** An added device and the cameras made from it. */
    public record Added(OnvifDevice device, List<Camera> cameras, List<OnvifDevice.Camera> profiles) {
    }

    /** One device of a bulk add that failed, and why. */
    public record Failure(String xaddr, String error, String message) {
    }

    /** What a bulk add did. */
    public record BulkReport(List<Added> added, List<Failure> failed) {
    }

    /** A device as its status shows it. */
    public record DeviceStatus(OnvifDevice device, List<OnvifDevice.Camera> cameras, String events,
                               long eventsReceived, long subscriptions) {
    }

    private final OnvifDeviceRepository repo;
    private final CameraService cameras;
    private final OnvifEventStore events;
    private final Clock clock;
    private final OnvifSessions sessions;
    private final Map<UUID, OnvifEventPuller> pullers = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

    public OnvifService(OnvifDeviceRepository repo, CameraService cameras, OnvifEventStore events, Clock clock) {
        this.repo = repo;
        this.cameras = cameras;
        this.events = events;
        this.clock = clock;
        this.sessions = new OnvifSessions(repo, clock);
    }

    /** Starts pulling the events of every stored device (at start-up). */
    public void start() {
        repo.listAll().forEach(this::startPuller);
    }

    /**
     * Probes the multicast group, or {@code address} ({@code host:port}, port 3702 when left out), and reads the
     * identity of each device that answers (with {@code credentials} when given; many devices answer
     * GetDeviceInformation only to an account).
     */
    public List<Discovered> discover(UUID tenant, Optional<String> address, Credentials credentials) {
        InetSocketAddress target = address.map(OnvifService::socketAddress).orElse(WsDiscovery.MULTICAST);
        List<ProbeMatch> matches;
        try {
            matches = new WsDiscovery().probe(target, DISCOVERY_WINDOW);
        } catch (IOException e) {
            throw new OnvifServiceException(OnvifServiceException.Reason.DEVICE_ERROR, "could not send a WS-Discovery "
                    + "probe to " + target + ": " + e.getMessage());
        }
        Set<String> known = repo.list(tenant).stream().map(OnvifDevice::xaddr).collect(Collectors.toSet());
        List<Future<Discovered>> futures = new ArrayList<>();
        for (ProbeMatch m : matches) {
            futures.add(workers.submit(() -> describe(m, credentials, known)));
        }
        List<Discovered> out = new ArrayList<>();
        for (Future<Discovered> f : futures) {
            out.add(join(f));
        }
        return out;
    }

    private Discovered describe(ProbeMatch m, Credentials credentials, Set<String> known) {
        String xaddr = m.xaddr().map(URI::toString).orElse("");
        DeviceInformation info = null;
        if (!xaddr.isEmpty()) {
            try {
                info = sessions.connect(URI.create(xaddr), credentials).deviceInformation();
            } catch (OnvifException | IllegalArgumentException e) {
                LOG.debug("discovered {} but could not read its identity: {}", xaddr, e.getMessage());
            }
        }
        String address = m.from() == null ? "" : m.from().getAddress().getHostAddress();
        return new Discovered(address, xaddr, info != null ? info.manufacturer() : m.scope("mfgr").orElse(""),
                info != null ? info.model() : m.scope("hardware").orElse(""), info != null ? info.firmware() : "",
                info != null ? info.serial() : "", info != null ? info.hardwareId() : m.scope("hardware").orElse(""),
                m.scopes(), known.contains(xaddr));
    }

    /**
     * Adds one device and a camera per chosen profile ({@code profiles}: tokens or names; empty for every profile
     * with video).
     */
    public Added add(UUID tenant, DeviceRequest req, List<String> profiles) {
        URI xaddr = deviceUri(req.xaddr());
        Credentials creds = new Credentials(req.username(), req.password());
        OnvifClient client;
        DeviceInformation info;
        List<MediaProfile> chosen;
        Map<String, URI> uris = new java.util.LinkedHashMap<>();
        try {
            client = sessions.connect(xaddr, creds);
            info = client.deviceInformation();
            chosen = client.profiles().stream().filter(p -> !p.encoding().isEmpty())
                    .filter(p -> profiles.isEmpty() || profiles.contains(p.token()) || profiles.contains(p.name()))
                    .toList();
            for (MediaProfile p : chosen) {
                uris.put(p.token(), client.streamUri(p.token()));
            }
        } catch (OnvifException e) {
            throw OnvifServiceException.of(e);
        }
        if (chosen.isEmpty()) {
            throw new OnvifServiceException(OnvifServiceException.Reason.INVALID, "the device has no video profile"
                    + (profiles.isEmpty() ? "" : " named " + String.join(", ", profiles)));
        }
        ServiceAddresses s = client.services();
        OnvifDevice device = new OnvifDevice(tenant, UUID.randomUUID(), xaddr.toString(), creds.username(),
                creds.password(), info.manufacturer(), info.model(), info.firmware(), info.serial(), info.hardwareId(),
                str(s.media()), str(s.media2()), str(s.ptz()), str(s.events()),
                client.clockOffset().offset().toMillis(), clock.instant());
        try {
            repo.insert(device);
        } catch (DuplicateNameException e) {
            throw new OnvifServiceException(OnvifServiceException.Reason.CONFLICT, e.getMessage());
        }
        List<Camera> made = new ArrayList<>();
        List<OnvifDevice.Camera> links = new ArrayList<>();
        try {
            for (MediaProfile p : chosen) {
                Camera cam = cameras.create(tenant, new CameraChange(cameraName(info, xaddr, p), uris.get(p.token())
                        .toString(), creds.present() ? creds.username() : null, creds.present() ? creds.password()
                        : null, true, null));
                made.add(cam);
                OnvifDevice.Camera link = new OnvifDevice.Camera(tenant, cam.id(), device.id(), p.token(),
                        p.encoding(), p.width(), p.height(), p.fps(), p.ptz() && s.ptz().isPresent());
                repo.insertCamera(link);
                links.add(link);
            }
        } catch (CameraException e) {
            made.forEach(c -> cameras.delete(tenant, c.id()));
            repo.delete(tenant, device.id());
            throw new OnvifServiceException(e.reason() == CameraException.Reason.DUPLICATE_NAME
                    ? OnvifServiceException.Reason.CONFLICT : OnvifServiceException.Reason.INVALID, e.getMessage());
        }
        sessions.adopt(device.id(), client);
        startPuller(device);
        LOG.info("ONVIF device {} {} {} added with {} camera(s)", info.manufacturer(), info.model(), xaddr,
                made.size());
        return new Added(device, made, links);
    }

    /** Adds many devices, {@value #BULK_PARALLELISM} at a time; one failing does not stop the others. */
    public BulkReport addAll(UUID tenant, List<DeviceRequest> requests, List<String> profiles) {
        Semaphore slots = new Semaphore(BULK_PARALLELISM);
        List<Future<Object>> futures = new ArrayList<>();
        for (DeviceRequest r : requests) {
            futures.add(workers.submit(() -> {
                slots.acquire();
                try {
                    // The request's tenant scope is the calling thread's: on PostgreSQL this worker must enter it to
                    // write the device and its cameras under row-level security.
                    return TenantScope.as(tenant, () -> add(tenant, r, profiles));
                } catch (OnvifServiceException e) {
                    return new Failure(r.xaddr(), e.code(), e.getMessage());
                } finally {
                    slots.release();
                }
            }));
        }
        List<Added> added = new ArrayList<>();
        List<Failure> failed = new ArrayList<>();
        for (int i = 0; i < futures.size(); i++) {
            Object o;
            try {
                o = join(futures.get(i));
            } catch (RuntimeException e) {
                // Not the device's doing: the operator sees the reason in the report, the log keeps the cause.
                LOG.warn("adding ONVIF device {} failed", requests.get(i).xaddr(), e);
                o = new Failure(requests.get(i).xaddr(), "internal_error", e.toString());
            }
            if (o instanceof Added a) {
                added.add(a);
            } else {
                failed.add((Failure) o);
            }
        }
        return new BulkReport(added, failed);
    }

    public List<DeviceStatus> devices(UUID tenant) {
        return repo.list(tenant).stream().map(d -> {
            OnvifEventPuller p = pullers.get(d.id());
            return new DeviceStatus(d, repo.cameras(tenant, d.id()), p == null ? "stopped" : p.state(),
                    p == null ? 0 : p.received(), p == null ? 0 : p.subscriptions());
        }).toList();
    }

    /** Removes a device and the cameras made from it. */
    public void remove(UUID tenant, UUID deviceId) {
        OnvifDevice d = repo.find(tenant, deviceId).orElseThrow(() -> new OnvifServiceException(
                OnvifServiceException.Reason.NOT_FOUND, "no ONVIF device " + deviceId));
        stopPuller(d.id());
        for (OnvifDevice.Camera c : repo.cameras(tenant, d.id())) {
            try {
                cameras.delete(tenant, c.cameraId());
            } catch (CameraException e) {
                LOG.debug("camera {} of device {} was already removed", c.cameraId(), d.id());
            }
        }
        repo.delete(tenant, d.id());
        sessions.forget(d.id());
    }

    /** Runs {@code op} on the PTZ of the camera's device; a failure drops the cached client for a clean retry. */
    public <T> T ptz(UUID tenant, UUID camera, java.util.function.Function<PtzClient, T> op) {
        OnvifDevice.Camera link = repo.camera(tenant, camera).orElseThrow(() -> new OnvifServiceException(
                OnvifServiceException.Reason.NOT_FOUND, "camera " + camera + " was not added from an ONVIF device"));
        OnvifDevice d = repo.find(tenant, link.deviceId()).orElseThrow(() -> new OnvifServiceException(
                OnvifServiceException.Reason.NOT_FOUND, "the camera's ONVIF device is gone"));
        if (!link.ptz()) {
            throw new OnvifServiceException(OnvifServiceException.Reason.NOT_FOUND,
                    "the camera's ONVIF profile has no PTZ");
        }
        try {
            PtzClient ptz = sessions.client(d).ptz(link.profileToken()).orElseThrow(() -> new OnvifServiceException(
                    OnvifServiceException.Reason.NOT_FOUND, "the device offers no PTZ service"));
            return op.apply(ptz);
        } catch (OnvifException e) {
            sessions.forget(d.id());
            throw OnvifServiceException.of(e);
        }
    }

    /** The latest events of the camera's device, newest first. */
    public List<OnvifEventStore.StoredEvent> events(UUID tenant, UUID camera, int limit) {
        OnvifDevice.Camera link = repo.camera(tenant, camera).orElseThrow(() -> new OnvifServiceException(
                OnvifServiceException.Reason.NOT_FOUND, "camera " + camera + " was not added from an ONVIF device"));
        return events.latest(tenant, link.deviceId(), limit);
    }

    private void startPuller(OnvifDevice d) {
        if (d.eventsXaddr() == null) {
            return;
        }
        OnvifEventPuller p = new OnvifEventPuller(d, sessions, events, clock);
        if (pullers.putIfAbsent(d.id(), p) == null) {
            p.start();
        }
    }

    private void stopPuller(UUID device) {
        OnvifEventPuller p = pullers.remove(device);
        if (p != null) {
            p.stop();
        }
    }

    @Override
    public void close() {
        pullers.keySet().forEach(this::stopPuller);
        workers.shutdownNow();
    }

    /**
     * {@code <model>-<serial>/<profile>} made a valid camera name: letters, digits and {@code ._~-}, at most 64
     * characters; the device's host and port stand in for a serial it does not report.
     */
    static String cameraName(DeviceInformation info, URI xaddr, MediaProfile p) {
        String id = info.serial().isBlank() ? xaddr.getHost() + "-" + xaddr.getPort() : info.serial();
        String device = clean(info.model()) + "-" + clean(id);
        String profile = clean(p.name().isBlank() ? p.token() : p.name());
        device = device.length() > 40 ? device.substring(0, 40) : device;
        profile = profile.length() > 20 ? profile.substring(0, 20) : profile;
        return device + "/" + profile;
    }

    private static String clean(String s) {
        String c = s.replaceAll("[^A-Za-z0-9._~-]", "").replaceAll("^[^A-Za-z0-9]+", "");
        return c.isEmpty() ? "onvif" : c;
    }

    private static URI deviceUri(String xaddr) {
        try {
            URI u = URI.create(xaddr == null ? "" : xaddr.strip());
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) address");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new OnvifServiceException(OnvifServiceException.Reason.INVALID, "xaddr must be the device service "
                    + "address, e.g. http://192.168.1.64/onvif/device_service: " + xaddr);
        }
    }

    private static InetSocketAddress socketAddress(String address) {
        String a = address.strip();
        int colon = a.lastIndexOf(':');
        try {
            if (colon > 0 && a.indexOf(':') == colon) {
                return new InetSocketAddress(a.substring(0, colon), Integer.parseInt(a.substring(colon + 1)));
            }
            return new InetSocketAddress(a, 3702);
        } catch (IllegalArgumentException e) {
            throw new OnvifServiceException(OnvifServiceException.Reason.INVALID,
                    "address must be host or host:port: " + address);
        }
    }

    private static String str(Optional<URI> u) {
        return u.map(URI::toString).orElse(null);
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String toString() {
        return "OnvifService[" + pullers.size() + " devices pulling events]";
    }
}
