package io.argus.sim.onvif;

import java.util.Optional;

/** Where the devices' snapshot URIs ({@code /onvif/cam<i>/snapshot/<profile>.jpg}) get their pictures. */
@FunctionalInterface
public interface SimSnapshots {
    /** None: every snapshot URI answers 404. */
    SimSnapshots NONE = (device, profile) -> Optional.empty();

    /** The JPEG of what device {@code device} (1-based) shows now on profile {@code profileToken}, if it has one. */
    Optional<byte[]> jpeg(int device, String profileToken);
}
