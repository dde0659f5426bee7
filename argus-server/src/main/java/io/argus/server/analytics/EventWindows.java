package io.argus.server.analytics;

import io.argus.metadata.CameraRecording;
import io.argus.metadata.TenantScope;
import io.argus.server.recording.RecordingService;
import io.argus.storage.chunk.EventProtections;
import io.argus.storage.event.Event;
import io.argus.storage.event.EventType;
import io.argus.storage.tier.Promotions;
import io.argus.storage.tier.TierService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an event does to its camera's recording beyond arming event recording: its window (the camera's pre-buffer
 * before it through its post-buffer after it) is kept from age retention for {@code events.protectDays} after the
 * event ends, and if any of the window has moved to object storage it is brought back hot, held there as long.
 *
 * <p>Object, rule and ONVIF events protect their windows. Motion periods do not: in a busy scene they cover the
 * whole day, which would turn retention off; the objects and rules found in them say what mattered. Camera events
 * have no video. A {@code protectDays} of 0 turns both protection and promotion off.
 */
public final class EventWindows {
    private static final Logger LOG = LoggerFactory.getLogger(EventWindows.class);

    static final Set<EventType> PROTECTING = Set.of(EventType.OBJECT, EventType.RULE, EventType.ONVIF);

    private final EventProtections protections;
    private final RecordingService recording;
    private final TierService tiers;
    private final Duration keep;
    private final Clock clock;

    /** @param keep how long after an event ends (or starts, while it lasts) its window is kept; zero for never */
    public EventWindows(EventProtections protections, RecordingService recording, TierService tiers, Duration keep,
                        Clock clock) {
        this.protections = protections;
        this.recording = recording;
        this.tiers = tiers;
        this.keep = keep;
        this.clock = clock;
    }

    /** Protects and promotes the event's window; failures are logged (the event itself goes on). */
    public void onEvent(Event e) {
        if (keep.isZero() || !PROTECTING.contains(e.type())) {
            return;
        }
        try {
            TenantScope.as(e.tenant(), () -> {
                apply(e);
                return null;
            });
        } catch (RuntimeException x) {
            LOG.warn("recording window of event {} (camera {}) not protected or promoted: {}", e.id(), e.camera(),
                    x.toString());
        }
    }

    private void apply(Event e) {
        CameraRecording buffers = recording.find(e.tenant(), e.camera());
        Instant from = e.from().minus(buffers.preBuffer());
        Instant to = e.to() == null ? null : e.to().plus(buffers.postBuffer());
        Instant until = (e.to() == null ? e.from() : e.to()).plus(keep);
        protections.protect(new EventProtections.Window(e.tenant(), e.camera(), e.id(), from, to, until));
        Instant promoteTo = to != null ? to : clock.instant().plus(buffers.postBuffer());
        Optional<Promotions.Result> promoted = tiers.promoteMoved(e.tenant(), e.camera(), from, promoteTo, until);
        promoted.ifPresent(r -> {
            if (!r.planned().isEmpty() || !r.restoreNeeded().isEmpty()) {
                LOG.info("event {} of camera {}: {} chunk(s) of its window back to hot, {} need a restore first",
                        e.id(), e.camera(), r.planned().size(), r.restoreNeeded().size());
            }
        });
    }
}
