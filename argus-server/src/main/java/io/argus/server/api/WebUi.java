package io.argus.server.api;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The operator web UI: plain ES modules from the classpath ({@code /ui}) at {@code /}, and hls.js from its WebJar at
 * {@code /webjars/}. No build step: what is in the jar is what the browser runs. The UI's own files are revalidated
 * on every load ({@code no-cache}, with their ETag), so a new release shows at once; the WebJar paths carry the
 * library's version, so Javalin lets browsers keep them for a year. Neither passes the auth filter, which guards
 * only {@code /api/}: the UI is a public page that logs in like any other API client.
 */
final class WebUi {
    /** The classpath directory of the UI's files. */
    static final String DIRECTORY = "/ui";

    private WebUi() {
    }

    static void install(JavalinConfig cfg) {
        cfg.staticFiles.add(sf -> {
            sf.hostedPath = "/";
            sf.directory = DIRECTORY;
            sf.location = Location.CLASSPATH;
            sf.headers = Map.of("Cache-Control", "no-cache");
        });
        cfg.staticFiles.enableWebjars();
    }
}
