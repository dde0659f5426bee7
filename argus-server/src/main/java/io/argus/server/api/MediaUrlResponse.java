package io.argus.server.api;

import java.time.Instant;

/**
 * Signed URLs for every media path of one camera, all carrying the same {@code sig}; paths below
 * {@code /api/v1/cameras/{id}/media/} take it as well.
 */
record MediaUrlResponse(String snapshot, String live, String liveWs, String playback, String export, String sig,
                        Instant expiresAt, Instant from, Instant to) {
}
