/**
 * Adaptive sampling: which access units of a camera to decode and which pictures to analyse, from how much is
 * happening. Pure logic over media time, no clocks or threads.
 *
 * <p>Layer: the JDK only.
 */
package io.argus.analytics.sampling;
