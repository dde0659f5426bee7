/**
 * Rules per zone on tracked objects: presence in a zone, loitering (dwell), line crossing with direction, counting,
 * each filtered by class, confidence and size and armed by a schedule. {@link io.argus.analytics.rules.RuleEngine}
 * turns a camera's {@link io.argus.analytics.track.TrackerUpdate}s into {@link io.argus.analytics.rules.RuleHit}s
 * with a start and an end, one per object and occurrence.
 *
 * <p>Layer: analytics. May import the JDK, io.argus.analytics.geom, .detect and .track, and Jackson (the rules' JSON
 * form).
 */
package io.argus.analytics.rules;
