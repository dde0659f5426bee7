/**
 * The node itself: liveness ({@code /api/v1/health}), readiness ({@code /readyz}), Prometheus metrics, load
 * figures and their reset, and the OpenAPI document of every route.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.metrics}, {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names),
 * {@code io.argus.media.path} and {@code io.argus.media.stream} (figures only), Javalin and the JDK; never another
 * capability.
 */
package io.argus.server.api.node;
