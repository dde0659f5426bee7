package io.argus.server.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.Map;
import java.util.stream.Collectors;

/** Reads a JSON request body into a request record, turning every kind of bad input into a 400. */
public final class RequestBodies {
    private RequestBodies() {
    }

    public static <T> T read(Context ctx, Class<T> type) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length == 0) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request needs a JSON object body");
        }
        T value;
        try {
            value = Json.MAPPER.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ApiException(ErrorCode.VALIDATION_FAILED, "unknown field '" + e.getPropertyName() + "'",
                    Map.of(e.getPropertyName(), "unknown field"));
        } catch (MismatchedInputException e) {
            String field = path(e);
            if (field.isEmpty()) {
                throw new ApiException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
            }
            throw new ApiException(ErrorCode.VALIDATION_FAILED, field + ": wrong type",
                    Map.of(field, "wrong type"));
        } catch (StreamConstraintsException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the JSON is nested too deeply or has too large a value");
        } catch (JacksonException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, e.getLocation() == null ? "malformed JSON"
                    : "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body could not be read");
        }
        if (value == null) {
            throw new ApiException(ErrorCode.INVALID_JSON, "the request body must be a JSON object");
        }
        return value;
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
