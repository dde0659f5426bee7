package io.argus.server.api.analytics;

/**
 * What the node's analytics did with the camera since it started: access units received, decoded, pictures
 * analysed, what a fixed-rate sampler would have analysed, the savings, and the sampling rate now.
 */
public record AnalyticsStatsResponse(long received, long decoded, long analysed, long corrupt,
                                     long fixedRateAnalysed, double decodeSaving, double analyseSaving,
                                     long motionEvents, boolean gpu, String rate) {
}
