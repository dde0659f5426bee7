package io.argus.server.camera;

import io.argus.media.path.Path;
import io.argus.media.path.PathManager;
import io.argus.media.path.PathStatus;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.Transport;
import io.argus.metadata.Camera;
import io.argus.metadata.CameraRepository;
import io.argus.metadata.DuplicateNameException;
import io.argus.metadata.TenantScope;
import io.argus.metadata.Tenants;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, changes and removes cameras: the row first (the source of truth), then the live path, so a change
 * takes effect at once. Changes are serialized; they are rare next to reads.
 *
 * <p>Names are unique per tenant: two tenants may each have a {@code lobby}. A path's key is its camera's id;
 * {@link #find} turns a tenant's name into it without the database, for RTSP URLs.
 *
 * <p>Every camera has a path on every node; {@link CameraOwnership} decides which of them this node ingests (pulls
 * from their source) and records. The shard listener moves cameras in and out ({@link #takeOver}, {@link #release}),
 * and changes made on other nodes arrive through {@link #reload}.
 */
public final class CameraService {
    private static final Logger LOG = LoggerFactory.getLogger(CameraService.class);

    /**
     * Camera names are RTSP paths ({@code rtsp://host:8554/<name>}): one or more segments joined by {@code /}
     * (publishers push to paths such as {@code live/lobby}), each starting with a letter or digit and made of
     * letters, digits and {@code ._~-} (URL-safe without escaping, and no {@code .} or {@code ..} segment), at
     * most 64 characters in all. Neither a name nor its first segment may be a UUID: {@code <tenant id>/<name>}
     * addresses another tenant's camera ({@link TenantPath}).
     */
    static final Pattern NAME = Pattern.compile("(?=.{1,64}$)[A-Za-z0-9][A-Za-z0-9._~-]*(/[A-Za-z0-9][A-Za-z0-9._~-]*)*");

    /** Longest username or password stored (the columns' size). */
    static final int MAX_CREDENTIAL_LENGTH = 256;

    private final CameraRepository repo;
    private final PathManager paths;
    private final Clock clock;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final List<IngestListener> ingestListeners = new CopyOnWriteArrayList<>();
    private final CameraDirectory directory = new CameraDirectory();
    private final CameraOwnership ownership;
    /** Each camera's row as this node last applied it, to tell a change heard from another node from its own. */
    private final Map<UUID, Camera> applied = new ConcurrentHashMap<>();
    /** The cameras this node ingests now, with the epoch their recorder indexes in. */
    private final Map<UUID, Long> ingesting = new ConcurrentHashMap<>();

    /** Hears cameras come and go (analytics follow them), on every node. Called with this service's lock held. */
    public interface Listener {
        default void added(Camera camera, Path path) {
        }

        void removed(UUID tenant, UUID camera);
    }

    /**
     * Hears which cameras this node ingests ({@link CameraOwnership}): the recorder follows them. Called with this
     * service's lock held.
     */
    public interface IngestListener {
        /** This node ingests the camera now; its chunks are indexed in {@code epoch}. */
        void started(Camera camera, Path path, long epoch);

        /** This node stops ingesting these cameras: returns once each one's open chunk is closed and indexed. */
        void stopped(Collection<UUID> cameras);
    }

    public CameraService(CameraRepository repo, PathManager paths, Clock clock, CameraOwnership ownership) {
        this.repo = repo;
        this.paths = paths;
        this.clock = clock;
        this.ownership = ownership;
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    /**
     * Follows the cameras this node ingests: {@code l} hears those ingested now, then every change, in order.
     */
    public synchronized void followIngest(IngestListener l) {
        for (Map.Entry<UUID, Long> e : ingesting.entrySet()) {
            Camera c = applied.get(e.getKey());
            paths.get(e.getKey().toString()).ifPresent(p -> l.started(c, p, e.getValue()));
        }
        ingestListeners.add(l);
    }

    /** Every stored camera of every tenant, with its path (for roles that start after this service). */
    public synchronized Map<Camera, Path> all() {
        Map<Camera, Path> out = new LinkedHashMap<>();
        for (Camera c : repo.listAll()) {
            paths.get(c.id().toString()).ifPresent(p -> out.put(c, p));
        }
        return out;
    }

    /** Starts a path for every stored camera; called once at start-up. */
    public synchronized int loadAll() {
        List<Camera> all = repo.listAll();
        for (Camera c : all) {
            addPath(c);
        }
        return all.size();
    }

    /** A camera's path, pulling its source only if this node owns it; and its ingest when this node has it. */
    private Path addPath(Camera c) {
        directory.put(c);
        applied.put(c.id(), c);
        Path p = paths.add(c.id().toString(), c.name(), source(c), c.enabled(), ownership.owns(c.id()));
        for (Listener l : listeners) {
            l.added(c, p);
        }
        if (ownership.ingestsHere(c)) {
            startIngest(c, p);
        }
        return p;
    }

    private void startIngest(Camera c, Path p) {
        long epoch = ownership.epoch(c);
        ingesting.put(c.id(), epoch);
        for (IngestListener l : ingestListeners) {
            l.started(c, p, epoch);
        }
    }

    /** Stops ingesting {@code cameras} that this node ingests: the recorders first, then the source connections. */
    private void stopIngest(Collection<UUID> cameras, boolean dropSourceFirst) {
        List<UUID> ours = cameras.stream().filter(ingesting::containsKey).toList();
        if (ours.isEmpty()) {
            return;
        }
        if (dropSourceFirst) {
            unpull(ours);
        }
        for (IngestListener l : ingestListeners) {
            l.stopped(ours);
        }
        if (!dropSourceFirst) {
            unpull(ours);
        }
        ours.forEach(ingesting::remove);
    }

    private void unpull(List<UUID> cameras) {
        for (UUID id : cameras) {
            paths.get(id.toString()).ifPresent(p -> p.pull(ownership.owns(id)));
        }
    }

    /**
     * The shard listener gave this node {@code shards} in {@code epoch}: it starts pulling and recording their
     * cameras.
     */
    public synchronized void takeOver(Set<Integer> shards, long epoch) {
        Set<Integer> added = ownership.own(shards, epoch);
        if (added.isEmpty()) {
            return;
        }
        for (Camera c : applied.values()) {
            if (c.url() != null && added.contains(ownership.shardOf(c.id())) && !ingesting.containsKey(c.id())) {
                paths.get(c.id().toString()).ifPresent(p -> {
                    p.pull(true);
                    startIngest(c, p);
                });
            }
        }
    }

    /**
     * This node gives up {@code shards}. Handed over ({@code lost} false): each camera's recorder closes, its open
     * chunk closed and indexed, then its source connection is dropped, and only then does this return (the new owner
     * starts after). Lost (another node may own them already): the connections are dropped first, at once and
     * without waiting for this service's lock, then the recorders index what they had (the index fences them out if
     * the new owner stored a chunk since).
     *
     * @return how many cameras this node stopped ingesting
     */
    public int release(Set<Integer> shards, boolean lost) {
        if (!lost) {
            synchronized (this) {
                List<UUID> cameras = camerasOf(ownership.disown(shards));
                stopIngest(cameras, false);
                return cameras.size();
            }
        }
        // Not under this service's lock: another node may be recording these cameras already, and the lock waits
        // behind any other camera operation (another lost member's release among them). The shards are disowned and
        // the sources dropped at once (no frame reaches the recorders after), then the recorders index what they had.
        long t0 = System.nanoTime();
        List<UUID> cameras = camerasOf(ownership.disown(shards));
        unpull(cameras.stream().filter(ingesting::containsKey).toList());
        long dropped = System.nanoTime();
        synchronized (this) {
            stopIngest(cameras, true);
            // A shard given back between the disown and this lock: takeOver saw its cameras still ingested here.
            for (UUID id : cameras) {
                Camera c = applied.get(id);
                if (c != null && ownership.owns(id)) {
                    paths.get(id.toString()).ifPresent(p -> {
                        p.pull(true);
                        startIngest(c, p);
                    });
                }
            }
        }
        LOG.info("lost shards {}: {} cameras' sources dropped in {} ms, their recorders closed and indexed {} ms"
                + " later", shards, cameras.size(), (dropped - t0) / 1_000_000,
                (System.nanoTime() - dropped) / 1_000_000);
        return cameras.size();
    }

    private List<UUID> camerasOf(Set<Integer> shards) {
        return applied.values().stream().filter(c -> c.url() != null && shards.contains(ownership.shardOf(c.id())))
                .map(Camera::id).toList();
    }

    /** How many cameras this node ingests now. */
    public int ingesting() {
        return ingesting.size();
    }

    /** Whether this node ingests the camera now (pulls or receives it, and records it). */
    public boolean ingests(UUID camera) {
        return ingesting.containsKey(camera);
    }

    /**
     * The id of {@code tenant}'s camera named {@code nameOrId} (or with that id), from memory: callers on an event
     * loop may use it.
     */
    public Optional<UUID> find(UUID tenant, String nameOrId) {
        return directory.find(tenant, nameOrId);
    }

    /** The tenant of the camera with this id, from memory (a path's key names no tenant). */
    public Optional<UUID> tenantOf(UUID id) {
        return directory.tenantOf(id);
    }

    public List<Camera> list(UUID tenant) {
        return repo.list(tenant);
    }

    public Camera get(UUID tenant, UUID id) {
        return repo.find(tenant, id).orElseThrow(() -> CameraException.notFound(id));
    }

    /** Whether {@code id} is a camera of {@code tenant}. */
    public boolean exists(UUID tenant, UUID id) {
        return repo.find(tenant, id).isPresent();
    }

    /** The live status of a camera's path, or empty if it has none (only while it is being removed). */
    public Optional<PathStatus> status(Camera c) {
        return paths.get(c.id().toString()).map(Path::status);
    }

    /**
     * The source a camera would pull after {@code in}, validated as a save would validate it, for the connection
     * test before saving: {@code base} (an existing camera, or null for a new one) supplies what {@code in} leaves
     * out, such as a stored password the form does not show.
     */
    public SourceConfig sourceToTest(UUID tenant, UUID base, CameraChange in) {
        FieldErrors errors = new FieldErrors();
        Camera draft = base != null ? get(tenant, base)
                : new Camera(tenant, null, null, null, null, null, true, "auto", null, null);
        if (in.url() == null && draft.url() == null) {
            errors.add("url", "required");
        }
        return source(merge(draft, in, errors));
    }

    public synchronized Camera create(UUID tenant, CameraChange in) {
        FieldErrors errors = new FieldErrors();
        if (in.name() == null) {
            errors.add("name", "required");
        }
        if (in.url() == null) {
            errors.add("url", "required");
        }
        Camera draft = new Camera(tenant, UUID.randomUUID(), null, null, null, null, true, "auto", null, null);
        Camera cam = merge(draft, in, errors);
        Instant now = clock.instant();
        cam = new Camera(tenant, cam.id(), cam.name(), cam.url(), cam.username(), cam.password(), cam.enabled(),
                cam.transport(), now, now);
        insert(cam);
        addPath(cam);
        LOG.info("camera {} added ({})", cam.name(), cam.url());
        return cam;
    }

    public synchronized Camera update(UUID tenant, UUID id, CameraChange in) {
        Camera old = get(tenant, id);
        FieldErrors errors = new FieldErrors();
        Camera merged = merge(old, in, errors);
        Camera cam = new Camera(tenant, id, merged.name(), merged.url(), merged.username(), merged.password(),
                merged.enabled(), merged.transport(), old.createdAt(), clock.instant());
        try {
            if (!repo.update(cam)) {
                throw CameraException.notFound(id);
            }
        } catch (DuplicateNameException e) {
            throw CameraException.duplicateName(cam.name());
        }
        apply(old, cam);
        return cam;
    }

    /** Brings the camera's path (and its ingest, if it turned from pushed to pulled) from {@code old} to {@code cam}. */
    private void apply(Camera old, Camera cam) {
        UUID id = cam.id();
        applied.put(id, cam);
        if (!old.name().equals(cam.name())) {
            directory.put(cam);
            paths.rename(id.toString(), cam.name());
        }
        boolean sourceChanged = !Objects.equals(old.url(), cam.url())
                || !Objects.equals(old.username(), cam.username()) || !Objects.equals(old.password(), cam.password())
                || !old.transport().equals(cam.transport()) || old.enabled() != cam.enabled();
        if (!sourceChanged) {
            return;
        }
        boolean pushedBefore = old.url() == null;
        if (pushedBefore != (cam.url() == null)) {
            // Ingested where its publisher dialled, unfenced, it is now its shard owner's (or the reverse).
            stopIngest(List.of(id), false);
        }
        paths.get(id.toString()).ifPresent(p -> {
            p.configure(source(cam), cam.enabled());
            if (!ingesting.containsKey(id) && ownership.ingestsHere(cam)) {
                startIngest(cam, p);
            }
        });
    }

    public synchronized void delete(UUID tenant, UUID id) {
        if (!repo.delete(tenant, id)) {
            throw CameraException.notFound(id);
        }
        removePath(tenant, id);
        LOG.info("camera {} removed", id);
    }

    private void removePath(UUID tenant, UUID id) {
        directory.remove(id);
        applied.remove(id);
        stopIngest(List.of(id), false);
        for (Listener l : listeners) {
            l.removed(tenant, id);
        }
        paths.remove(id.toString());
    }

    /**
     * A change of the camera made on another node (heard on the bus): reloads its row from the shared database and
     * brings this node in step: a new camera gets its path (and, when this node owns it, its ingest), a changed one
     * its name and source, a deleted one goes. A change this node made itself is already applied and does nothing.
     */
    public synchronized void reload(UUID tenant, UUID id) {
        Optional<Camera> row = TenantScope.as(tenant, () -> repo.find(tenant, id));
        Camera known = applied.get(id);
        if (row.isEmpty()) {
            if (known != null) {
                removePath(tenant, id);
                LOG.info("camera {} removed on another node", id);
            }
        } else if (known == null) {
            addPath(row.get());
            LOG.info("camera {} added on another node ({}ingested here)", row.get().name(),
                    ingesting.containsKey(id) ? "" : "not ");
        } else {
            apply(known, row.get());
        }
    }

    /**
     * The publish creator: a publisher pushing to an unknown path gets a new camera of that name (no source URL,
     * fed by the publisher) in the tenant the path names, the publisher's own (its authenticator checked that).
     * Refuses names that are not valid camera names.
     *
     * @param key      the {@link TenantPath} as the default tenant writes it
     * @param protocol the publisher's ({@code RTSP}, {@code RTMP}), for the log
     */
    public synchronized Optional<Path> createPushCamera(String key, String protocol) {
        Optional<TenantPath> target = TenantPath.parse(key, Tenants.DEFAULT_ID);
        if (target.isEmpty() || !validName(target.get().name())) {
            return Optional.empty();
        }
        UUID tenant = target.get().tenant();
        String name = target.get().name();
        Optional<UUID> existing = directory.find(tenant, name);
        if (existing.isPresent()) {
            return paths.get(existing.get().toString());
        }
        // A publisher's connection thread serves no request: the camera's tenant is the scope of its rows
        // (PostgreSQL's row-level security refuses rows of any other).
        return TenantScope.as(tenant, () -> createPushCamera(tenant, name, protocol));
    }

    private Optional<Path> createPushCamera(UUID tenant, String name, String protocol) {
        Instant now = clock.instant();
        Camera cam = new Camera(tenant, UUID.randomUUID(), name, null, null, null, true, "auto", now, now);
        insert(cam);
        LOG.info("camera {} created for an {} publisher in tenant {}", name, protocol, tenant);
        return Optional.of(addPath(cam));
    }

    private Camera merge(Camera base, CameraChange in, FieldErrors errors) {
        String name = base.name();
        if (in.name() != null) {
            name = in.name();
            if (!validName(name)) {
                errors.add("name", "1-64 letters, digits or ._~-, in segments joined by / that each start with a "
                        + "letter or digit, neither a UUID nor starting with one");
            }
        }
        String url = base.url();
        String username = base.username();
        String password = base.password();
        if (in.url() != null) {
            try {
                SourceUrl parsed = SourceUrl.parse(in.url());
                if (url != null && !SourceUrl.sameOrigin(url, parsed.url())) {
                    // Stored credentials belong to the camera at the stored address. Sent to a new host, port or
                    // scheme, they would go wherever anyone allowed to edit (or test) a camera points it.
                    username = null;
                    password = null;
                }
                url = parsed.url();
                if (parsed.username() != null) {
                    username = credential("url", "its user name", parsed.username(), errors);
                    password = parsed.password() == null ? null
                            : credential("url", "its password", parsed.password(), errors);
                } else if (parsed.password() != null) {
                    // An srt:// URL's passphrase, taken out of the stored URL (SrtSourceUrl).
                    password = credential("url", "its passphrase", parsed.password(), errors);
                }
            } catch (IllegalArgumentException e) {
                errors.add("url", e.getMessage());
            }
        }
        if (in.username() != null) {
            username = credential("username", "", in.username(), errors);
        }
        if (in.password() != null) {
            password = credential("password", "", in.password(), errors);
        }
        String transport = base.transport();
        if (in.transport() != null) {
            transport = in.transport().toLowerCase(Locale.ROOT);
            if (!List.of("auto", "tcp", "udp").contains(transport)) {
                errors.add("transport", "must be one of auto, tcp, udp");
            }
        }
        boolean enabled = in.enabled() != null ? in.enabled() : base.enabled();
        errors.throwIfAny();
        return new Camera(base.tenantId(), base.id(), name, url, username, password, enabled, transport,
                base.createdAt(), base.updatedAt());
    }

    /**
     * A credential as given, or null for an empty one. Control characters are refused: the user name goes into
     * the camera's Digest header as it is, where a CR LF would start a header of its own.
     *
     * @param what for one taken from the URL, what the message calls it ({@code its password}); else empty
     */
    private static String credential(String field, String what, String value, FieldErrors errors) {
        String prefix = what.isEmpty() ? "" : what + ": ";
        if (value.length() > MAX_CREDENTIAL_LENGTH) {
            errors.add(field, prefix + "longer than " + MAX_CREDENTIAL_LENGTH + " characters");
        }
        if (value.chars().anyMatch(Character::isISOControl)) {
            errors.add(field, prefix + "contains a control character");
        }
        return value.isEmpty() ? null : value;
    }

    static boolean validName(String name) {
        int slash = name.indexOf('/');
        String first = slash < 0 ? name : name.substring(0, slash);
        return NAME.matcher(name).matches() && TenantPath.uuid(first) == null && !isUuid(name);
    }

    /** Any form {@link UUID#fromString} takes: such a name would read as a camera id. */
    private static boolean isUuid(String s) {
        try {
            UUID.fromString(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void insert(Camera cam) {
        try {
            repo.insert(cam);
        } catch (DuplicateNameException e) {
            throw CameraException.duplicateName(cam.name());
        }
    }

    /** The path's source for a camera row; null for a push camera. */
    static SourceConfig source(Camera c) {
        if (c.url() == null) {
            return null;
        }
        return new SourceConfig(URI.create(c.url()), c.username(), c.password(),
                Transport.valueOf(c.transport().toUpperCase(Locale.ROOT)));
    }
}
