package io.argus.server.api;

import io.argus.media.path.PathStatus;

/** The live state and counters of a camera. */
public record CameraStatusResponse(String state, String codec, String profile, int width, int height, double fps,
                                   long bitrateBps, long frames, long bytes, long packetsLost, long framesDropped,
                                   long reconnects, String lastError, long uptimeSeconds, int readers) {
    static CameraStatusResponse of(PathStatus s) {
        return new CameraStatusResponse(s.state().apiName(), s.codec(), s.profile(), s.width(), s.height(),
                Math.round(s.fps() * 100) / 100.0, s.bitrateBps(), s.frames(), s.bytes(), s.packetsLost(),
                s.framesDropped(), s.reconnects(), s.lastError(), s.uptimeSeconds(), s.readers());
    }
}
