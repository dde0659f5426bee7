/**
 * Live transcodes as the API shows them: the running jobs ({@code GET /api/v1/transcodes}) and the node's capacity
 * and video hardware ({@code GET /api/v1/node}).
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}), {@code io.argus.server.transcode} and {@code io.argus.media.transcode}; never
 * another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.transcode;
