package io.argus.sim.onvif;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device's event schedule and its pull-point subscriptions. Motion event {@code k} happens at
 * {@code start + (k + 1) × period}, alternately {@code IsMotion=true} and {@code false}, so every subscriber sees the
 * same events at the same times without a timer; a subscription remembers the next event it has not delivered.
 * Subscriptions end at their termination time, on Unsubscribe, or when the device {@link #reboot()}s.
 */
public final class SimEvents {
    /** ONVIF Core §9.3.1 lets a device bound its subscriptions; ten per device is what small cameras allow. */
    static final int MAX_SUBSCRIPTIONS = 10;
    /** The longest subscription the device grants, whatever was asked. */
    static final Duration MAX_TERMINATION = Duration.ofMinutes(10);

    /** One motion event. */
    public record Event(long index, Instant time, boolean motion) {
    }

    private static final class Subscription {
        long next;
        Instant termination;

        Subscription(long next, Instant termination) {
            this.next = next;
            this.termination = termination;
        }
    }

    private final Clock clock;
    private final Instant start;
    private final Duration period;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    SimEvents(Clock clock, Instant start, Duration period) {
        this.clock = clock;
        this.start = start;
        this.period = period;
    }

    /** A new subscription from now on; empty when the device has no room for another. */
    Optional<String> subscribe(Duration termination) {
        expire();
        if (subscriptions.size() >= MAX_SUBSCRIPTIONS) {
            return Optional.empty();
        }
        String id = String.valueOf(ids.incrementAndGet());
        subscriptions.put(id, new Subscription(dueCount(clock.instant()), clock.instant().plus(bounded(termination))));
        return Optional.of(id);
    }

    boolean exists(String id) {
        expire();
        return subscriptions.containsKey(id);
    }

    Optional<Instant> renew(String id, Duration termination) {
        expire();
        Subscription s = subscriptions.get(id);
        if (s == null) {
            return Optional.empty();
        }
        synchronized (s) {
            s.termination = clock.instant().plus(bounded(termination));
            return Optional.of(s.termination);
        }
    }

    boolean unsubscribe(String id) {
        return subscriptions.remove(id) != null;
    }

    Optional<Instant> termination(String id) {
        Subscription s = subscriptions.get(id);
        return s == null ? Optional.empty() : Optional.of(s.termination);
    }

    /** Forgets every subscription, as a camera that restarted does. */
    public void reboot() {
        subscriptions.clear();
    }

    public int subscriptions() {
        expire();
        return subscriptions.size();
    }

    /**
     * Up to {@code limit} events not yet delivered to subscription {@code id}, waiting up to {@code timeout} for the
     * next one when none is due (a long poll, as ONVIF Core §9.3.3 PullMessages describes); empty when the
     * subscription is gone.
     */
    Optional<List<Event>> pull(String id, Duration timeout, int limit) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        while (true) {
            Subscription s = subscriptions.get(id);
            if (s == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            List<Event> out = new ArrayList<>();
            synchronized (s) {
                long due = dueCount(now);
                while (s.next < due && out.size() < limit) {
                    out.add(event(s.next++));
                }
            }
            if (!out.isEmpty() || !now.isBefore(deadline)) {
                return Optional.of(out);
            }
            Instant nextEvent = start.plus(period.multipliedBy(dueCount(now) + 1));
            Instant wake = nextEvent.isBefore(deadline) ? nextEvent : deadline;
            // The device side of a long poll: it answers when the next scheduled event happens or the client's
            // timeout ends, whichever is first.
            Thread.sleep(Math.max(1, Duration.between(now, wake).toMillis() + 1));
        }
    }

    private Event event(long k) {
        return new Event(k, start.plus(period.multipliedBy(k + 1)), k % 2 == 0);
    }

    /** How many events have happened by {@code now}. */
    private long dueCount(Instant now) {
        long elapsed = Duration.between(start, now).toNanos();
        return elapsed <= 0 ? 0 : elapsed / period.toNanos();
    }

    private void expire() {
        Instant now = clock.instant();
        subscriptions.values().removeIf(s -> s.termination.isBefore(now));
    }

    private static Duration bounded(Duration d) {
        return d.compareTo(MAX_TERMINATION) > 0 ? MAX_TERMINATION : d.isNegative() || d.isZero()
                ? Duration.ofMinutes(1) : d;
    }
}
