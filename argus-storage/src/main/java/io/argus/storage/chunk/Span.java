package io.argus.storage.chunk;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A stretch of a camera's timeline: recorded, or an explicit gap. {@code [from, to)}. */
public record Span(Kind kind, Instant from, Instant to) {
    public enum Kind { RECORDED, GAP }

    public Span {
        Objects.requireNonNull(kind, "kind");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("empty span " + from + " .. " + to);
        }
    }

    static Span recorded(Instant from, Instant to) {
        return new Span(Kind.RECORDED, from, to);
    }

    static Span gap(Instant from, Instant to) {
        return new Span(Kind.GAP, from, to);
    }

    public Duration duration() {
        return Duration.between(from, to);
    }
}
