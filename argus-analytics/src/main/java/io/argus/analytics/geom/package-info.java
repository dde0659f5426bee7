/**
 * Geometry in frame-relative coordinates (0..1 across and down, whatever the stream's resolution), shared by motion
 * zones and masks, detections, tracking and rules, so a zone drawn on a snapshot holds for every rendition.
 */
package io.argus.analytics.geom;
