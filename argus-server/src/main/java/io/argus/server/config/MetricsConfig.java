package io.argus.server.config;

/** The Prometheus endpoint. */
public record MetricsConfig(boolean requireAuth) {
}
