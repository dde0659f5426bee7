package io.argus.server.api.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.argus.storage.event.Event;
import java.time.Duration;
import java.time.Instant;

/**
 * One event.
 *
 * @param type      motion, object, rule, camera or onvif
 * @param label     the object class ({@code class} in JSON), the rule, or {@code down} for a camera outage
 * @param to        null while the event lasts
 * @param thumbnail the JPEG's URL, or null when it has none
 * @param playback  an HLS playlist of the recording over the event's span
 * @param camera    the camera's URL
 */
public record EventResponse(String id, String cameraId, String type, @JsonProperty("class") String label,
                            Double confidence, Instant from, Instant to, String zone, BoxResponse box,
                            String thumbnail, String playback, String camera) {
    /** An event that lasts is played up to a minute past its start (it has no end yet). */
    static final Duration OPEN_PLAYBACK = Duration.ofMinutes(1);

    /** The event as the API shows it (search, live stream, webhook bodies, MQTT messages). */
    public static EventResponse of(Event e) {
        String cam = "/api/v1/cameras/" + e.camera();
        Instant end = e.to() != null && e.to().isAfter(e.from()) ? e.to() : e.from().plus(
                e.to() == null ? OPEN_PLAYBACK : Duration.ofSeconds(1));
        return new EventResponse(e.id().toString(), e.camera().toString(), e.type().wireName(), e.label(),
                e.confidence(), e.from(), e.to(), e.zone(), e.box() == null ? null
                        : new BoxResponse(e.box().x(), e.box().y(), e.box().w(), e.box().h()),
                e.thumbnail() ? cam + "/events/" + e.id() + "/thumbnail.jpg" : null,
                cam + "/playback.m3u8?from=" + e.from() + "&to=" + end, cam);
    }
}
