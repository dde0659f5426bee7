package io.argus.server.api;

/** {@code GET /api/v1/node/stats}: this node's load, for dashboards and the load bench. */
public record NodeStatsResponse(int cameras, int readers, long heapUsedBytes, long directMemoryBytes) {
}
