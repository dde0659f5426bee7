package io.argus.server.config;

/**
 * The HTTP server (REST API, UI, HLS, metrics).
 *
 * @param maxBodyBytes API bodies are small JSON documents; the cap keeps a client from making the server buffer
 *                     megabytes per request
 */
public record HttpConfig(String host, int port, long maxBodyBytes) {
    public HttpConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("http.host: must not be empty");
        }
        if (maxBodyBytes < 1024) {
            throw new IllegalArgumentException("http.maxBodySize: must be at least 1KiB");
        }
    }
}
