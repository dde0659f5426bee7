package io.argus.server.config;

import java.time.Duration;

/** Pulling media from cameras: how reconnects back off. */
public record IngestConfig(Duration backoffInitial, Duration backoffMax) {
    public IngestConfig {
        if (backoffInitial.isZero() || backoffInitial.isNegative()) {
            throw new IllegalArgumentException("ingest.backoffInitial: must be positive");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("ingest.backoffMax: must not be shorter than ingest.backoffInitial");
        }
    }
}
