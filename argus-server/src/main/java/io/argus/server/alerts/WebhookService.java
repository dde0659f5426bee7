package io.argus.server.alerts;

import io.argus.metadata.TenantScope;
import io.argus.metadata.Webhook;
import io.argus.metadata.WebhookRepository;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A tenant's webhooks: the rules for adding one (once, for every door that adds them), and the webhooks an event
 * goes to. The dispatcher reads them from a per-tenant copy at most {@link #REFRESH} old: another node of the
 * cluster that adds or removes a webhook is seen within that time; this node's own changes at once.
 */
public final class WebhookService {
    /** How long the dispatcher trusts its copy of a tenant's webhooks: one query per tenant this often at most. */
    static final Duration REFRESH = Duration.ofSeconds(5);
    /** Webhooks per tenant: each one is a delivery per event, and the dispatcher holds them all in memory. */
    public static final int MAX_PER_TENANT = 50;
    /** Filter entries per list: the columns' width (V10) holds this many camera ids. */
    public static final int MAX_FILTER = 100;
    public static final int MAX_URL_LENGTH = 2048;
    /** A secret shorter than this is guessable offline from one signed request. */
    public static final int MIN_SECRET_LENGTH = 16;
    public static final int MAX_SECRET_LENGTH = 256;
    /** Class and rule names as events carry them: no commas (the filter's separator), no control characters. */
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N} _.:/-]{1,100}");

    private final WebhookRepository repository;
    private final WebhookTargets targets;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<UUID, Copy> copies = new ConcurrentHashMap<>();

    private record Copy(List<Webhook> webhooks, Instant read) {
    }

    /**
     * What a caller asks for; null lists match everything.
     *
     * @param secret null to have one made (returned once, by {@link #add})
     */
    public record Request(String url, String secret, List<String> cameras, List<String> types,
                          List<String> classes) {
    }

    WebhookService(WebhookRepository repository, WebhookTargets targets, Clock clock) {
        this.repository = repository;
        this.targets = targets;
        this.clock = clock;
    }

    /** @throws WebhookException naming the field that is wrong */
    public Webhook add(UUID tenant, Request r) {
        URI url = url(r.url());
        String refusal = targets.refusal(url);
        if (refusal != null) {
            throw new WebhookException("url", refusal);
        }
        String secret = r.secret() == null ? newSecret() : r.secret();
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH
                || secret.chars().anyMatch(Character::isISOControl)) {
            throw new WebhookException("secret", "must be " + MIN_SECRET_LENGTH + "-" + MAX_SECRET_LENGTH
                    + " characters without control characters (leave it out to have one made)");
        }
        List<UUID> cameras = list("cameras", r.cameras()).stream().map(WebhookService::camera).toList();
        List<String> types = list("types", r.types()).stream().map(WebhookService::type).distinct().toList();
        List<String> classes = list("classes", r.classes()).stream().map(WebhookService::label).distinct().toList();
        if (repository.list(tenant).size() >= MAX_PER_TENANT) {
            throw new WebhookException("url", "the tenant has " + MAX_PER_TENANT + " webhooks already");
        }
        Webhook w = new Webhook(tenant, UUID.randomUUID(), url.toString(), secret, cameras, types, classes,
                clock.instant());
        repository.insert(w);
        copies.remove(tenant);
        return w;
    }

    public List<Webhook> list(UUID tenant) {
        return repository.list(tenant);
    }

    public Optional<Webhook> find(UUID tenant, UUID id) {
        return repository.find(tenant, id);
    }

    public boolean delete(UUID tenant, UUID id) {
        boolean deleted = repository.delete(tenant, id);
        copies.remove(tenant);
        return deleted;
    }

    public List<Webhook.DeadLetter> deadLetters(UUID tenant, UUID webhook, int limit) {
        return repository.deadLetters(tenant, webhook, limit);
    }

    void addDeadLetter(Webhook.DeadLetter letter) {
        TenantScope.as(letter.tenantId(), () -> {
            repository.addDeadLetter(letter);
            return null;
        });
    }

    /** The tenant's webhooks whose filter the event passes (reads the database at most every {@link #REFRESH}). */
    List<Webhook> matching(Event e) {
        Instant now = clock.instant();
        Copy copy = copies.get(e.tenant());
        if (copy == null || copy.read().plus(REFRESH).isBefore(now)) {
            copy = new Copy(TenantScope.as(e.tenant(), () -> repository.list(e.tenant())), now);
            copies.put(e.tenant(), copy);
        }
        return copy.webhooks().stream().filter(w -> matches(w, e)).toList();
    }

    static boolean matches(Webhook w, Event e) {
        return (w.cameras().isEmpty() || w.cameras().contains(e.camera()))
                && (w.types().isEmpty() || w.types().contains(e.type().wireName()))
                && (w.classes().isEmpty() || e.label() != null && w.classes().contains(e.label()));
    }

    private String newSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static URI url(String text) {
        if (text == null || text.isBlank()) {
            throw new WebhookException("url", "required");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new WebhookException("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new WebhookException("url", "is not a URL: " + e.getReason());
        }
        String bad = WebhookTargets.malformed(url);
        if (bad != null) {
            throw new WebhookException("url", bad);
        }
        return url;
    }

    private static List<String> list(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_FILTER) {
            throw new WebhookException(field, "at most " + MAX_FILTER + " entries");
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            throw new WebhookException(field, "entries must not be empty");
        }
        return values;
    }

    private static UUID camera(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new WebhookException("cameras", "'" + id + "' is not a camera id");
        }
    }

    private static String type(String name) {
        try {
            return EventType.parse(name).wireName();
        } catch (IllegalArgumentException e) {
            throw new WebhookException("types", "'" + name + "' is not motion, object, rule, camera or onvif");
        }
    }

    private static String label(String name) {
        if (!LABEL.matcher(name).matches()) {
            throw new WebhookException("classes", "'" + name + "' must be 1-100 letters, digits, spaces or _.:/-");
        }
        return name;
    }
}
