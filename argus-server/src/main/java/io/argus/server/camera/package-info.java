/**
 * Cameras as the control plane sees them: the metadata row and its live {@link io.argus.media.path.Path}
 * kept in step. {@link io.argus.server.camera.CameraService} validates changes, writes the row and applies the
 * change to the path at once; it also creates "push" cameras for RTSP publishers.
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, {@code io.argus.media.path}, slf4j and the JDK; knows
 * nothing about HTTP (the API maps {@link io.argus.server.camera.CameraException} to responses).
 */
package io.argus.server.camera;
