/**
 * The cluster as this node sees it ({@code GET /api/v1/cluster}): nodes with their address, state, cameras,
 * capacity, load, shards and version, the shard count, the group generation and the scale hint. System
 * administrators only.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}); never another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.cluster;
