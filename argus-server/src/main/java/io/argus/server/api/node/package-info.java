/**
 * The node itself: liveness ({@code /api/v1/health}), readiness ({@code /readyz}), Prometheus metrics, load
 * figures and their reset, and the OpenAPI document of every route.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and {@code io.argus.server.metrics}, {@code io.argus.media.path} and
 * {@code io.argus.media.stream} (figures only); never another capability (checked:
 * config/checkstyle/import-control.xml).
 */
package io.argus.server.api.node;
