package io.argus.analytics;

import io.argus.analytics.sampling.SamplingConfig;

/**
 * The node's analytics.
 *
 * @param threads  analytics threads: they decode and analyse, so they use CPU; each serves many cameras
 * @param width    the analysis picture's width in pixels (aspect kept); thumbnails have this size
 * @param gpu      whether to try a CUDA decoder first (it falls back to the CPU where there is none)
 * @param sampling the rates of adaptive sampling
 */
public record AnalyticsConfig(int threads, int width, boolean gpu, SamplingConfig sampling) {
    /** 320 pixels: a walker at 20 m is still a dozen pixels tall, and a picture costs 57 KB of luma and 170 of RGB. */
    public static final int DEFAULT_WIDTH = 320;

    public AnalyticsConfig {
        if (threads < 1 || threads > 256) {
            throw new IllegalArgumentException("analytics threads are 1..256, got " + threads);
        }
        if (width < 64 || width > 1920) {
            throw new IllegalArgumentException("the analysis width is 64..1920 pixels, got " + width);
        }
    }
}
