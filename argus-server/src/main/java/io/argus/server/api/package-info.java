/**
 * The REST API's infrastructure on Javalin (Jetty 12, virtual threads). Each capability is a sub-package
 * ({@code access}, {@code audit}, {@code cameras}, {@code integrity}, {@code live}, {@code node}, {@code playback},
 * {@code recording}, {@code storage}) whose handlers implement {@link io.argus.server.api.ApiModule}; the HTTP
 * role lists them and {@link io.argus.server.api.HttpApi} installs them in order. Here: the route registry
 * ({@link io.argus.server.api.Routes}, where each route says what it {@link io.argus.server.api.Require}s and
 * what it {@link io.argus.server.api.Audit}s), the bearer-token and signed-URL filter, the guard, the audit trail,
 * the OpenAPI document, and the one place where failures become JSON error bodies
 * ({@link io.argus.server.api.ErrorMapper} with {@link io.argus.server.api.ErrorCode}). Helpers every capability
 * shares live here too: JSON, request bodies, validation, path ids, time parameters, byte ranges, and the media
 * paths ({@link io.argus.server.api.MediaPaths}) with their {@link io.argus.server.api.MediaAccess}, which the
 * filter and the guard read and live, playback and integrity serve.
 *
 * <p>Layer: argus-server. Every part of the API may import this package (never a capability sub-package: they do
 * not import each other, and this package imports none), {@code io.argus.server.auth}, {@code io.argus.server.audit},
 * {@code io.argus.server.camera}, {@code io.argus.metadata} records, Javalin, Jackson, SLF4J and the JDK. This
 * package alone also imports {@code io.argus.server.config} (HTTP settings), {@code io.argus.server.tls} with
 * Jetty's connectors, SSL context factory and error handler (HTTPS, JSON answers to requests Jetty refuses itself),
 * and Jetty's servlet output (sending file ranges without a heap copy), and the storage refusals it answers in one
 * place (the tier service's, and a chunk on another cluster node's disk). What each capability adds is in its own
 * package-info; config/checkstyle/import-control.xml checks all of it.
 */
package io.argus.server.api;
