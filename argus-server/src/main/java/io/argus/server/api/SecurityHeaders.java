package io.argus.server.api;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * Headers on every response of every HTTP and HTTPS connector (UI files, API answers, media, errors): the browser
 * runs only the UI's own scripts, never shows a page of the node inside another site's frame (clickjacking),
 * never guesses a content type, and sends no Referer (signed media URLs carry their signature in the query).
 */
final class SecurityHeaders implements HttpConfiguration.Customizer {
    /**
     * The UI's policy: its scripts, styles and images from the node only, no inline script or style element;
     * {@code blob:} media for Media Source Extensions (the live WebSocket player and hls.js), {@code blob:}
     * workers for hls.js's transmuxing worker, {@code data:} images for the empty favicon.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; media-src 'self' blob:; worker-src 'self' blob:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Override
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        responseHeaders.put("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        responseHeaders.put("X-Frame-Options", "DENY");
        responseHeaders.put("X-Content-Type-Options", "nosniff");
        responseHeaders.put("Referrer-Policy", "no-referrer");
        return request;
    }
}
