package io.argus.server.alerts;

import io.argus.metadata.Webhook;
import io.argus.server.analytics.EventListener;
import io.argus.server.config.AlertsConfig;
import io.argus.storage.event.Event;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each event to the tenant's matching webhooks: a JSON body (the event as the API and the live stream show
 * it), signed ({@link WebhookSignature}), retried with exponential backoff on a network error, a timeout, 408, 429
 * or 5xx, and after the last attempt (or an answer that retrying cannot change: another 4xx, a refused target)
 * kept as a dead letter with the reason. Deliveries are asynchronous HTTP on two threads and one retry timer,
 * never a thread each, and at most {@code webhooks.queue} at once: beyond that an event's delivery is dead-lettered
 * at once rather than held.
 */
public final class WebhookDispatcher implements EventListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);
    /** Threads that check targets, start attempts and take their answers: all the work is short or async. */
    private static final int THREADS = 2;
    private static final String USER_AGENT = "Argus-Webhook/1";

    private final WebhookService webhooks;
    private final WebhookTargets targets;
    private final AlertsConfig.Webhooks config;
    private final Function<Event, byte[]> json;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService retries;
    private final HttpClient http;
    private final Semaphore slots;
    private final Timer delivered;
    private final Timer failed;
    private final Counter deadLetters;

    /** One event to one webhook, over its attempts. */
    private record Delivery(Webhook webhook, Event event, byte[] body, UUID id) {
    }

    /**
     * @param json the event's JSON body
     */
    WebhookDispatcher(WebhookService webhooks, WebhookTargets targets, AlertsConfig.Webhooks config,
                      Function<Event, byte[]> json, MeterRegistry registry, Clock clock) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.config = config;
        this.json = json;
        this.clock = clock;
        workers = Executors.newFixedThreadPool(THREADS, Thread.ofPlatform().name("argus-webhook-", 0).daemon()
                .factory());
        retries = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("argus-webhook-retry")
                .daemon().factory());
        http = HttpClient.newBuilder().executor(workers).connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        slots = new Semaphore(config.queue());
        delivered = latency(registry, "delivered");
        failed = latency(registry, "failed");
        deadLetters = Counter.builder("argus.webhook.dead.letters")
                .description("Webhook deliveries that failed every attempt (or found the queue full)")
                .register(registry);
        registry.gauge("argus.webhook.pending", slots, s -> config.queue() - s.availablePermits());
    }

    private static Timer latency(MeterRegistry registry, String outcome) {
        return Timer.builder("argus.webhook.delivery").description("One webhook attempt, from sending to the answer")
                .tag("outcome", outcome).publishPercentileHistogram().register(registry);
    }

    @Override
    public void onEvent(Event event) {
        List<Webhook> matching;
        try {
            matching = webhooks.matching(event);
        } catch (RuntimeException e) {
            LOG.warn("webhooks of tenant {} not read, event {} not delivered: {}", event.tenant(), event.id(),
                    e.toString());
            return;
        }
        if (matching.isEmpty()) {
            return;
        }
        byte[] body = json.apply(event);
        for (Webhook w : matching) {
            Delivery d = new Delivery(w, event, body, UUID.randomUUID());
            if (slots.tryAcquire()) {
                workers.execute(() -> attempt(d, 1));
            } else {
                workers.execute(() -> deadLetter(d, 0, null, "not sent: " + config.queue()
                        + " deliveries already waiting (webhooks.queue)"));
            }
        }
    }

    private void attempt(Delivery d, int attempt) {
        URI url = URI.create(d.webhook().url());
        String refusal = targets.refusal(url);
        if (refusal != null) {
            finish(d, attempt, null, "refused: " + refusal);
            return;
        }
        long epochSeconds = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(config.timeout())
                .header("Content-Type", "application/json").header("User-Agent", USER_AGENT)
                .header(WebhookSignature.DELIVERY_HEADER, d.id().toString())
                .header(WebhookSignature.EVENT_HEADER, d.event().type().wireName())
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(epochSeconds))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(d.webhook().secret(), epochSeconds,
                        d.body()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(d.body())).build();
        long start = System.nanoTime();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, error) -> {
            long took = System.nanoTime() - start;
            if (error == null && r.statusCode() / 100 == 2) {
                delivered.record(took, TimeUnit.NANOSECONDS);
                slots.release();
                return;
            }
            failed.record(took, TimeUnit.NANOSECONDS);
            Integer status = error == null ? r.statusCode() : null;
            String reason = error == null ? "HTTP " + status : describe(error);
            if (attempt < config.maxAttempts() && retryable(status)) {
                Duration wait = backoff(config.retryInitial(), attempt);
                try {
                    retries.schedule(() -> workers.execute(() -> attempt(d, attempt + 1)), wait.toMillis(),
                            TimeUnit.MILLISECONDS);
                } catch (RuntimeException stopped) {
                    slots.release();
                }
            } else {
                finish(d, attempt, status, reason);
            }
        });
    }

    /** The wait after failed attempt {@code attempt} (1-based): initial, 2 × initial, 4 × initial … at most 10m. */
    static Duration backoff(Duration initial, int attempt) {
        Duration wait = initial.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(AlertsConfig.Webhooks.MAX_RETRY_WAIT) > 0 ? AlertsConfig.Webhooks.MAX_RETRY_WAIT : wait;
    }

    /** Whether another attempt may get another answer: no answer, a timeout, throttling, a server error. */
    private static boolean retryable(Integer status) {
        return status == null || status == 408 || status == 429 || status >= 500;
    }

    private static String describe(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof HttpTimeoutException) {
            return "no answer in time (webhooks.timeout)";
        }
        if (e instanceof IOException) {
            return "no answer: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return e.toString();
    }

    private void finish(Delivery d, int attempts, Integer status, String reason) {
        try {
            deadLetter(d, attempts, status, reason);
        } finally {
            slots.release();
        }
    }

    private void deadLetter(Delivery d, int attempts, Integer status, String reason) {
        deadLetters.increment();
        LOG.warn("webhook {} gave up on event {} after {} attempt(s): {}", d.webhook(), d.event().id(), attempts,
                reason);
        try {
            webhooks.addDeadLetter(new Webhook.DeadLetter(d.webhook().tenantId(), d.id(), d.webhook().id(),
                    d.event().id(), new String(d.body(), StandardCharsets.UTF_8), attempts, status,
                    reason.length() > 1000 ? reason.substring(0, 1000) : reason, clock.instant()));
        } catch (RuntimeException e) {
            // The webhook deleted meanwhile (its dead letters go with it), or the database down.
            LOG.warn("dead letter of webhook {} not stored: {}", d.webhook(), e.toString());
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
        http.shutdownNow();
        workers.shutdownNow();
    }
}
