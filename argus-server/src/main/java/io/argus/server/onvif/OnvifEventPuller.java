package io.argus.server.onvif;

import io.argus.metadata.OnvifDevice;
import io.argus.metadata.TenantScope;
import io.argus.onvif.client.OnvifEvent;
import io.argus.onvif.client.OnvifException;
import io.argus.onvif.client.PullPointClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one pull-point subscription open on a device and stores what it reports. The subscription is renewed
 * well before it ends; any failure (the device restarted and forgot it, the network went away, a fault) drops the
 * connected client and subscribes again after a backoff that doubles up to {@link #MAX_BACKOFF}, so a device that
 * comes back is heard again without anyone acting (ONVIF Core §9.3: subscriptions do not survive a reboot).
 */
final class OnvifEventPuller implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OnvifEventPuller.class);
    /** The subscription's life on the device; renewed at a third of it. */
    static final Duration TERMINATION = Duration.ofSeconds(60);
    /** How long one PullMessages waits on the device: short enough to notice a stop within it. */
    static final Duration PULL_WAIT = Duration.ofSeconds(5);
    /** Most messages one pull returns (ONVIF Core §9.3.3 MessageLimit). */
    static final int PULL_LIMIT = 100;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OnvifDevice device;
    private final OnvifSessions sessions;
    private final OnvifEventStore store;
    private final Clock clock;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong subscriptions = new AtomicLong();
    private volatile String state = "starting";
    private volatile boolean running = true;
    private volatile Thread thread;

    OnvifEventPuller(OnvifDevice device, OnvifSessions sessions, OnvifEventStore store, Clock clock) {
        this.device = device;
        this.sessions = sessions;
        this.store = store;
        this.clock = clock;
    }

    void start() {
        // The puller stores events in the device's tenant: on PostgreSQL row-level security admits nothing else.
        thread = Thread.ofVirtual().name("onvif-events-" + device.id()).start(() -> TenantScope.as(device.tenantId(),
                () -> {
                    run();
                    return null;
                }));
    }

    void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /** {@code subscribed}, or why not (and that it is trying again). */
    String state() {
        return state;
    }

    long received() {
        return received.get();
    }

    /** How many subscriptions were made: more than one means it resubscribed. */
    long subscriptions() {
        return subscriptions.get();
    }

    @Override
    public void run() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            PullPointClient sub = null;
            try {
                sub = sessions.client(device).subscribe(TERMINATION);
                subscriptions.incrementAndGet();
                state = "subscribed";
                backoff = FIRST_BACKOFF;
                Instant renewed = clock.instant();
                while (running) {
                    List<OnvifEvent> events = sub.pull(PULL_WAIT, PULL_LIMIT);
                    for (OnvifEvent e : events) {
                        store.record(device.tenantId(), device.id(), e);
                    }
                    received.addAndGet(events.size());
                    if (Duration.between(renewed, clock.instant()).compareTo(TERMINATION.dividedBy(3)) > 0) {
                        sub.renew(TERMINATION);
                        renewed = clock.instant();
                    }
                }
            } catch (RuntimeException e) {
                // OnvifException from the device; anything else (the event store failing) must not end the puller
                // either: it retries after the backoff like a device failure.
                if (!running) {
                    break;
                }
                sessions.forget(device.id());
                state = "resubscribing: " + (e instanceof OnvifException ? e.getMessage() : e.toString());
                LOG.info("ONVIF events of {} ({}): {}; subscribing again in {} ms", device.xaddr(), device.id(),
                        e.getMessage(), backoff.toMillis());
                if (!pause(backoff)) {
                    break;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
            if (!running && sub != null) {
                unsubscribeQuietly(sub);
            }
        }
        state = "stopped";
    }

    private static boolean pause(Duration d) {
        try {
            Thread.sleep(d);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void unsubscribeQuietly(PullPointClient sub) {
        try {
            sub.unsubscribe();
        } catch (OnvifException e) {
            LOG.debug("unsubscribe from {} failed: {}", device.xaddr(), e.getMessage());
        }
    }
}
