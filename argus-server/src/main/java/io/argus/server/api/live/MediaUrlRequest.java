package io.argus.server.api.live;

import java.time.Instant;

/**
 * {@code POST /api/v1/cameras/{id}/media-urls}.
 *
 * @param expiresInSeconds how long the URLs work; default {@link MediaHandlers#DEFAULT_URL_TTL_SECONDS}
 * @param from             earliest recorded time the URLs may play (ISO-8601), or null
 * @param to               latest recorded time the URLs may play (ISO-8601), or null
 */
record MediaUrlRequest(Long expiresInSeconds, Instant from, Instant to) {
    static final MediaUrlRequest DEFAULT = new MediaUrlRequest(null, null, null);
}
