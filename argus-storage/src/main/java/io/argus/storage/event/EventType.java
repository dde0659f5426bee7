package io.argus.storage.event;

import java.util.Locale;

/** What kind of thing an event is; the API spells them in lower case. */
public enum EventType {
    /** A motion period found by analytics. */
    MOTION,
    /** An object of a class found by a detector (one tracked object is one event). */
    OBJECT,
    /** A rule of a zone fired (intrusion, line crossing, loitering, count). */
    RULE,
    /** The camera went down or came back. */
    CAMERA,
    /** An event the camera itself reported (ONVIF). */
    ONVIF;

    /** @throws IllegalArgumentException for an unknown name */
    public static EventType parse(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
