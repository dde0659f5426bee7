package io.argus.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Pulling media from cameras: how reconnects back off, and which addresses cameras may be pulled from.
 *
 * @param deniedAddresses  ranges never connected to ({@code camera.deniedAddresses})
 * @param allowedAddresses exceptions to {@code deniedAddresses} ({@code camera.allowedAddresses})
 */
public record IngestConfig(Duration backoffInitial, Duration backoffMax, List<AddressRange> deniedAddresses,
                           List<AddressRange> allowedAddresses) {
    public IngestConfig {
        deniedAddresses = List.copyOf(deniedAddresses);
        allowedAddresses = List.copyOf(allowedAddresses);
        if (backoffInitial.isZero() || backoffInitial.isNegative()) {
            throw new IllegalArgumentException("ingest.backoffInitial: must be positive");
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("ingest.backoffMax: must not be shorter than ingest.backoffInitial");
        }
    }
}
