package io.argus.server.api.webrtc;

import java.time.Instant;

/**
 * A camera's publish URL: {@code whip} takes a WHIP offer without a bearer token ({@code POST}, as
 * {@code /api/v1/whip/<camera name>} does with one), names the camera by its id (valid for any name, and after a
 * rename), and publishes until {@code expiresAt}. {@code sig} is its {@code ?sig=} alone.
 */
record PublishUrlResponse(String whip, String sig, Instant expiresAt) {
}
