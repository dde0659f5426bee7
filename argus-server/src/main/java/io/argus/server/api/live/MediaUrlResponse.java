package io.argus.server.api.live;

import java.time.Instant;
import java.util.List;

/**
 * Signed URLs for every media path of one camera, all carrying the same {@code sig}; paths below
 * {@code /api/v1/cameras/{id}/media/} take it as well. The sig opens only the paths of its {@code actions}
 * (view-live: snapshot and live; playback; export): what the minting token could do on the camera.
 */
record MediaUrlResponse(String snapshot, String live, String liveWs, String playback, String export, String sig,
                        Instant expiresAt, Instant from, Instant to, List<String> actions) {
}
