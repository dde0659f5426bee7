package io.argus.server.api.analytics;

/**
 * What the node's analytics did with the camera since it started: access units received, decoded, pictures
 * analysed, what a fixed-rate sampler would have analysed, the savings, the sampling rate now, and object
 * detection's pictures: sent to the detector, with a wanted object, skipped (queue full, timeout, failure).
 */
public record AnalyticsStatsResponse(long received, long decoded, long analysed, long corrupt,
                                     long fixedRateAnalysed, double decodeSaving, double analyseSaving,
                                     long motionEvents, boolean gpu, String rate, long detectionSent,
                                     long detectionDetected, long detectionSkipped) {
}
