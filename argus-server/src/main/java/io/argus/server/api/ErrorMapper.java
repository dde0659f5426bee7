package io.argus.server.api;

import io.argus.metadata.MetadataException;
import io.argus.server.camera.CameraException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Map;
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
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            ErrorCode code = ErrorCode.forStatus(e.getStatus());
            answer(ctx, code, code == ErrorCode.PAYLOAD_TOO_LARGE ? "the request body is too large"
                    : code == ErrorCode.NOT_FOUND ? "no such endpoint: " + ctx.method() + " " + ctx.path()
                    : e.getMessage(), Map.of());
        });
        routes.exception(Exception.class, (e, ctx) -> {
            if (MetadataException.diskFull(e)) {
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

    static void answer(Context ctx, ErrorCode code, String message, Map<String, String> fields) {
        ctx.status(code.status()).json(new ErrorResponse(code.code(), message, fields));
    }
}
