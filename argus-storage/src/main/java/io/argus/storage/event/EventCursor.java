package io.argus.storage.event;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a search ended: the last event's start and id (the search's order), as an opaque URL-safe token.
 * Keyset paging: a page costs the same at the millionth event as at the first, and events added meanwhile neither
 * repeat nor shift the pages.
 */
public record EventCursor(Instant from, UUID id) {
    private static final int BYTES = 8 + 16;

    public static EventCursor after(Event e) {
        return new EventCursor(e.from(), e.id());
    }

    public String token() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, from);
        ByteBuffer b = ByteBuffer.allocate(BYTES).putLong(micros).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** @throws IllegalArgumentException for a token this class did not make */
    public static EventCursor parse(String token) {
        byte[] raw = Base64.getUrlDecoder().decode(token);
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("not a cursor of this search");
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        return new EventCursor(Instant.EPOCH.plus(b.getLong(), ChronoUnit.MICROS), new UUID(b.getLong(), b.getLong()));
    }
}
