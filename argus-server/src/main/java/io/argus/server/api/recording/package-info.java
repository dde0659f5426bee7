/**
 * Recording per camera: its settings and status, and the events (motion, alarms) that trigger event recording.
 *
 * <p>Layer: argus-server, a capability of the API. May import the API's infrastructure ({@code io.argus.server.api}),
 * {@code io.argus.server.camera}, {@code io.argus.server.recording}, {@code io.argus.storage.record},
 * {@code io.argus.server.auth}, {@code io.argus.server.audit} (action names), Javalin and the JDK; never another
 * capability.
 */
package io.argus.server.api.recording;
