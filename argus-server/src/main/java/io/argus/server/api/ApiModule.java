package io.argus.server.api;

/**
 * A capability of the HTTP API (cameras, access, live, playback …): it installs its routes, each with what it
 * requires and what it audits ({@link Routes}). The HTTP role lists the modules; {@link HttpApi} installs them
 * in that order, which is also the order of the OpenAPI document and {@code docs/api.md}.
 */
public interface ApiModule {
    void install(Routes routes);
}
