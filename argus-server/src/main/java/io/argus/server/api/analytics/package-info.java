/**
 * A camera's analytics settings and counters: {@code GET/PUT /api/v1/cameras/{id}/analytics}.
 *
 * <p>Layer: the API's shared infrastructure, the node's analytics service and the analytics module's settings.
 */
package io.argus.server.api.analytics;
