package io.argus.server.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers, for requests refused before they reach a route (an ambiguous or illegal path such
 * as {@code %2e%2e} or a NUL, a bad request line, invalid UTF-8 in the path), in the API's error shape instead
 * of Jetty's HTML page. Jetty's reason is kept only when it is plain words, so nothing internal is echoed.
 */
final class JsonErrorHandler extends ErrorHandler {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z ]{0,80}");

    /** Jetty writes error bodies for GET, POST and HEAD only; API clients read them for every method. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString());
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, MimeTypes.Type.APPLICATION_JSON_UTF_8.asString()));
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        ErrorCode code = ErrorCode.forStatus(status);
        String words = reason != null && PLAIN.matcher(reason).matches() ? reason.toLowerCase(java.util.Locale.ROOT)
                : code == ErrorCode.NOT_FOUND ? "no such endpoint" : "the request is malformed";
        String json = "{\"error\":\"" + code.code() + "\",\"message\":\"" + words + "\"}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
