/**
 * Recording per camera: its settings and status, and the events (motion, alarms) that trigger event recording.
 *
 * <p>Layer: argus-server, a capability of the API. May import what every part of the API may (see
 * {@code io.argus.server.api}) and {@code io.argus.server.recording} and {@code io.argus.storage.record}; never
 * another capability (checked: config/checkstyle/import-control.xml).
 */
package io.argus.server.api.recording;
