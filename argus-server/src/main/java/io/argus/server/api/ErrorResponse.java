package io.argus.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The body of every error answer.
 *
 * @param error   a stable {@link ErrorCode} code
 * @param fields  for validation errors: field name to what is wrong with it
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorResponse(String error, String message, Map<String, String> fields) {
}
