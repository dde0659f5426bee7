package io.argus.server.api.webrtc;

/**
 * {@code POST /api/v1/cameras/{id}/publish-url}.
 *
 * @param expiresInSeconds how long the URL publishes; default {@link PublishUrlHandlers#DEFAULT_TTL_SECONDS}, at most
 *                         {@link PublishUrlHandlers#MAX_TTL_SECONDS}, never past the minting token's expiry
 */
record PublishUrlRequest(Long expiresInSeconds) {
    static final PublishUrlRequest DEFAULT = new PublishUrlRequest(null);
}
