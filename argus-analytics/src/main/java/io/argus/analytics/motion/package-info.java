/**
 * Motion detection on sampled frames: differencing a downscaled luma picture against a learned (running-average)
 * background, within zones and outside masks, ignoring global light changes; and motion periods with hysteresis.
 *
 * <p>Layer: the geometry of {@code io.argus.analytics.geom} and the JDK.
 */
package io.argus.analytics.motion;
