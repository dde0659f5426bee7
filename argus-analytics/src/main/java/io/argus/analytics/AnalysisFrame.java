package io.argus.analytics;

import io.argus.analytics.motion.MotionResult;
import io.argus.media.decode.ScaledFrame;
import java.time.Instant;
import java.util.UUID;

/**
 * A sampled picture of a camera handed to a {@link FrameAnalyzer}: the scaled picture (luma and RGB, reused for the
 * camera's next picture: <b>borrowed</b> for the call, copy what you keep), its wall time, the camera's analytics
 * settings and what motion detection found in it.
 */
public record AnalysisFrame(UUID tenant, UUID camera, Instant at, ScaledFrame picture, AnalyticsSettings settings,
                            MotionResult motion) {
}
