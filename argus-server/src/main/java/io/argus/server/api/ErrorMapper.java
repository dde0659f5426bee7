package io.argus.server.api;

import io.argus.metadata.MetadataException;
import io.argus.server.auth.AccessException;
import io.argus.server.camera.CameraException;
import io.argus.storage.playback.ChunkElsewhereException;
import io.argus.storage.tier.TierException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one boundary where failures become answers: {@code {"error": code, "message": ...}} with the code's
 * status. Unexpected exceptions are logged with their stack trace here and answered with a generic 500; no
 * stack trace ever reaches a client.
 */
final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    static void install(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e.code(), e.getMessage(), e.fields()));
        routes.exception(CameraException.class, (e, ctx) -> answer(ctx, switch (e.reason()) {
            case INVALID -> ErrorCode.VALIDATION_FAILED;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case DUPLICATE_NAME -> ErrorCode.CONFLICT;
        }, e.getMessage(), e.fields()));
        routes.exception(AccessException.class, (e, ctx) -> answer(ctx, switch (e.reason()) {
            case INVALID -> ErrorCode.VALIDATION_FAILED;
            case FORBIDDEN -> ErrorCode.FORBIDDEN;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.CONFLICT;
            case WRONG_PASSWORD -> ErrorCode.INVALID_CREDENTIALS;
        }, e.getMessage(), e.fields()));
        routes.exception(ChunkElsewhereException.class, (e, ctx) -> answer(ctx, ErrorCode.CHUNK_ELSEWHERE,
                e.getMessage(), Map.of("node", e.writerNode())));
        routes.exception(TierException.class, (e, ctx) -> answer(ctx, switch (e.reason()) {
            case INVALID -> ErrorCode.VALIDATION_FAILED;
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case CONFLICT -> ErrorCode.CONFLICT;
            case RESTORE_NEEDED -> ErrorCode.RESTORE_NEEDED;
        }, e.getMessage(), e.fields()));
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (exchangeGone(ctx)) {
                return;
            }
            ErrorCode code = ErrorCode.forStatus(e.getStatus());
            answer(ctx, code, code == ErrorCode.PAYLOAD_TOO_LARGE ? "the request body is too large"
                    : code == ErrorCode.NOT_FOUND ? "no such endpoint: " + ctx.method() + " " + ctx.path()
                    : e.getMessage(), Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (exchangeGone(ctx)) {
                LOG.debug("a request ended before its failure could be answered: {}", e.toString());
                return;
            }
            Throwable refused = clientFault(e);
            if (refused != null) {
                ErrorCode code = ErrorCode.forStatus(((HttpException) refused).getCode());
                LOG.info("{} {} from {} refused ({}): {}", ctx.method(), ctx.path(), ctx.ip(), code.status(),
                        refused.getMessage());
                answer(ctx, code, code == ErrorCode.PAYLOAD_TOO_LARGE ? "the request body is too large"
                        : "the request is malformed or ended early", Map.of());
            } else if (MetadataException.diskFull(e)) {
                // Readiness and the database's own log say it once; a line per refused request would flood.
                answer(ctx, ErrorCode.INSUFFICIENT_STORAGE, "the disk of the metadata database is full: nothing can"
                        + " be saved until space is freed (reading still works)", Map.of());
            } else if (MetadataException.unavailable(e)) {
                ctx.header("Retry-After", "1");
                answer(ctx, ErrorCode.NOT_READY, "the metadata database is being opened again; try again", Map.of());
            } else {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                answer(ctx, ErrorCode.INTERNAL, "internal error; the server log has the details", Map.of());
            }
        });
    }

    /**
     * The cause when a failure is the client's, below the routes: Jetty's parser refusing a body (a chunk size
     * past 64 bits or not hex, a body cut short by the peer) with a 4xx. Null when it is the server's own. Such
     * failures are logged in one line: a stack trace per request would let any client flood the log.
     */
    private static Throwable clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpException h && h.getCode() >= 400 && h.getCode() < 500) {
                return t;
            }
        }
        return null;
    }

    static void answer(Context ctx, ErrorCode code, String message, Map<String, String> fields) {
        if (!exchangeGone(ctx)) {
            ctx.status(code.status()).json(new ErrorResponse(code.code(), message, fields));
        }
    }

    /**
     * Whether Jetty has already recycled the exchange: an async request (the events stream) whose client left, or a
     * node stopping under it. Nothing can be answered then, and a handler that tried would throw from inside
     * Javalin's error handling, which then loops on it (seen: a browser leaving the events stream flooded the log
     * with a thousand failures a second until the JVM ended).
     */
    private static boolean exchangeGone(Context ctx) {
        try {
            ctx.req().getRequestURI();
            ctx.res().getStatus();
            return false;
        } catch (IllegalStateException | NullPointerException e) {
            return true;
        }
    }
}
