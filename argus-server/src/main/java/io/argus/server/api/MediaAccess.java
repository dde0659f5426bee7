package io.argus.server.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.UUID;

/**
 * Who may read a camera's media in this request: set by {@link AuthFilter} on every media path, from the bearer
 * token's session or from the signed URL. A route serving recordings plays only what {@link #allows} lets it.
 *
 * @param camera the camera the request is for (from the signature, or the path for a bearer token); null when
 *               the path's id is not a camera id at all (the route answers 404)
 * @param from   earliest recorded time allowed, or null for no bound
 * @param to     latest recorded time allowed, or null for no bound
 * @param signed whether a signed URL, not a bearer token, authorized the request
 */
public record MediaAccess(UUID tenant, UUID camera, Instant from, Instant to, boolean signed) {
    static final String ATTRIBUTE = "argus.mediaAccess";

    /** Whether the recorded span [{@code start}, {@code end}] lies within what this access allows. */
    public boolean allows(Instant start, Instant end) {
        return (from == null || !start.isBefore(from)) && (to == null || !end.isAfter(to));
    }

    /** The request's media access; only present on media paths, where {@link AuthFilter} always sets it. */
    public static MediaAccess of(Context ctx) {
        MediaAccess a = ctx.attribute(ATTRIBUTE);
        if (a == null) {
            throw new IllegalStateException("not a media path: " + ctx.path());
        }
        return a;
    }
}
