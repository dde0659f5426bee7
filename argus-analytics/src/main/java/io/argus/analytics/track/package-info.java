/**
 * Tracking across sampled frames: {@link io.argus.analytics.track.IouTracker} links each camera's detections frame to
 * frame by box overlap, so one object seen in many frames is one {@link io.argus.analytics.track.Track} with a start
 * and an end.
 *
 * <p>Layer: analytics. May import the JDK, io.argus.analytics.geom and io.argus.analytics.detect.
 */
package io.argus.analytics.track;
