package io.argus.server.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.argus.metadata.AuditChainVerifier;
import io.argus.metadata.AuditEntry;
import io.argus.metadata.AuditLogRepository;
import io.argus.metadata.AuditRecord;
import io.argus.metadata.TenantScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Records audited events into the tenant's hash chain. Handlers call {@link #record} for each login, change,
 * export and denial, and {@link #recordView} for live views and playbacks, which become one row per viewing
 * session: a player fetches a playlist every second and a part every 300 ms, and a row for each would bury the
 * log (and its verification) in noise.
 *
 * <p>A failure to append propagates: a change that cannot be audited answers an error rather than passing
 * unrecorded.
 */
public final class AuditLog {
    /**
     * A viewer reopening the same camera's live stream (a reload, a player that re-requests its playlist) within
     * this time is the same session; five minutes covers players' retries and short network breaks.
     */
    public static final Duration VIEW_SESSION = Duration.ofMinutes(5);
    /** Detail values longer than this are cut: details are for context, and a row must fit its column. */
    static final int DETAIL_VALUE_MAX = 300;
    /** Above this many open view sessions the expired ones are swept; bounds the map whatever clients do. */
    private static final int VIEW_SWEEP_THRESHOLD = 10_000;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

    private final AuditLogRepository repository;
    private final AuditChainVerifier verifier;
    private final Clock clock;
    private final Map<String, Instant> views = new ConcurrentHashMap<>();
    private final List<Consumer<AuditRecord>> listeners = new CopyOnWriteArrayList<>();

    public AuditLog(DataSource db, Clock clock) {
        this.repository = new AuditLogRepository(db);
        this.verifier = new AuditChainVerifier(db);
        this.clock = clock;
    }

    /**
     * Appends one event.
     *
     * @param action     a stable dotted code ({@link AuditActions})
     * @param targetType what kind of thing was acted on, or null
     * @param targetId   which one, or null
     * @param outcome    {@link AuditEntry#OK}, {@link AuditEntry#FAILED} or {@link AuditEntry#DENIED}
     * @param details    more context; values are written as JSON, long strings cut (never put a secret here)
     */
    public AuditRecord record(AuditActor actor, String action, String targetType, String targetId, String outcome,
                              Map<String, ?> details) {
        AuditEntry e = new AuditEntry(actor.tenantId(), clock.instant(), actor.userId(), actor.userName(),
                actor.sourceIp(), action, targetType, targetId, outcome, json(details));
        // In the actor's tenant whatever thread appends (an audit executor, a request after its scope ended).
        AuditRecord r = TenantScope.as(actor.tenantId(), () -> repository.append(e));
        listeners.forEach(l -> l.accept(r));
        return r;
    }

    /**
     * Hears every event {@link #record}ed, after it is stored (the cluster publishes committed changes from here).
     * A listener runs on the recording thread and must not throw or block.
     */
    public void addListener(Consumer<AuditRecord> listener) {
        listeners.add(listener);
    }

    /**
     * Appends a view of {@code camera} unless the same actor opened the same view (same action, camera, {@code via}
     * and {@code session} detail such as a playback range) within {@link #VIEW_SESSION}.
     *
     * @return the row, or empty when the view continues a session already recorded
     */
    public Optional<AuditRecord> recordView(AuditActor actor, String action, String camera, Map<String, ?> details) {
        Instant now = clock.instant();
        // The transport ("via") is part of the session: the same user watching over RTSP and in a browser at once
        // is two viewers.
        String key = actor.tenantId() + "|" + actor.viewerKey() + "|" + action + "|" + camera + "|"
                + Objects.requireNonNullElse(details.get("via"), "") + "|"
                + Objects.requireNonNullElse(details.get("session"), "");
        Instant sessionStart = now.minus(VIEW_SESSION);
        boolean[] continues = new boolean[1];
        // Atomic per key: of two requests opening the same session at once, one records it.
        views.compute(key, (k, last) -> {
            continues[0] = last != null && last.isAfter(sessionStart);
            return now;
        });
        if (views.size() > VIEW_SWEEP_THRESHOLD) {
            views.values().removeIf(t -> t.isBefore(sessionStart));
        }
        if (continues[0]) {
            return Optional.empty();
        }
        Map<String, Object> d = new TreeMap<>(details);
        d.remove("session");
        return Optional.of(record(actor, action, "camera", camera, AuditEntry.OK, d));
    }

    /** The rows, for reading. */
    public AuditLogRepository repository() {
        return repository;
    }

    /**
     * Walks every tenant's chain on the live database (appends go on meanwhile; those are not part of the check):
     * system work, whoever asks; callers report what concerns them.
     */
    public AuditChainVerifier.Result verify() {
        return TenantScope.system(verifier::verify);
    }

    static String json(Map<String, ?> details) {
        Map<String, Object> clipped = new TreeMap<>();
        details.forEach((k, v) -> clipped.put(k, v instanceof String s && s.length() > DETAIL_VALUE_MAX
                ? s.substring(0, DETAIL_VALUE_MAX) + "…" : v));
        try {
            String s = JSON.writeValueAsString(clipped);
            return s.length() <= AuditEntry.DETAILS_MAX ? s : JSON.writeValueAsString(Map.of("truncated", true));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain values: " + e.getMessage(), e);
        }
    }
}
