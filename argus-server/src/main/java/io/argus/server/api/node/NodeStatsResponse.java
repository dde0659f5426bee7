package io.argus.server.api.node;

/**
 * {@code GET /api/v1/node/stats}: this node's load, for dashboards and the load bench.
 *
 * @param gopCacheBytes payload bytes held by the GOP caches of all live streams (what a new reader starts from)
 * @param ingestLatency source-to-hub latency of the streams carrying capture-time SEI, since start or the last
 *                      {@code POST /api/v1/node/stats/reset}
 * @param gc            garbage collections since start (the load bench reports them per window)
 */
public record NodeStatsResponse(int cameras, int readers, long heapUsedBytes, long directMemoryBytes,
                                long gopCacheBytes, Latency ingestLatency, Gc gc) {

    /** Collections of all the JVM's collectors, and their accumulated collection time in milliseconds. */
    public record Gc(long collections, long millis) {
    }

    /** Percentiles in microseconds; -1 when nothing was measured. */
    public record Latency(long count, long p50Micros, long p90Micros, long p99Micros, long maxMicros) {
    }
}
