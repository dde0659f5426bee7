package io.argus.server.api.cameras;

import io.argus.media.path.PathStatus;

/**
 * The live state and counters of a camera.
 *
 * @param timestampMode   {@code camera} while the camera's own timestamps are used, {@code arrival} when they could
 *                        not be trusted and frames are timed by when they arrive (smoothed to the frame rate)
 * @param timestampReason why {@code arrival}: which track and what was wrong with its timestamps; null otherwise
 * @param framesRetimed   frames given arrival times, over every session
 * @param owner           whether this node owns the camera's shard: in a cluster the owner is the node that ingests
 *                        and records it (a single node owns every shard); how a failover is seen from outside
 */
public record CameraStatusResponse(String state, String codec, String profile, int width, int height, double fps,
                                   long bitrateBps, long frames, long bytes, long packetsLost, long framesDropped,
                                   long reconnects, String lastError, long uptimeSeconds, int readers,
                                   String timestampMode, String timestampReason, long framesRetimed,
                                   boolean owner) {
    static CameraStatusResponse of(PathStatus s, boolean owner) {
        return new CameraStatusResponse(s.state().apiName(), s.codec(), s.profile(), s.width(), s.height(),
                Math.round(s.fps() * 100) / 100.0, s.bitrateBps(), s.frames(), s.bytes(), s.packetsLost(),
                s.framesDropped(), s.reconnects(), s.lastError(), s.uptimeSeconds(), s.readers(),
                s.timestampFault() == null ? "camera" : "arrival", s.timestampFault(), s.framesRetimed(), owner);
    }
}
