/**
 * Cameras as the control plane sees them: the metadata row and its live {@link io.argus.media.path.Path}
 * kept in step. {@link io.argus.server.camera.CameraService} validates changes, writes the row and applies the
 * change to the path at once; it also creates "push" cameras for RTSP publishers.
 * {@link io.argus.server.camera.CameraOwnership} decides which cameras this node ingests and records (in a cluster,
 * those of the shards it owns).
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, {@code io.argus.media.path}, the cluster's
 * {@code Shards} and {@code LocalShardAssignment}, the chunk index's contract (its unfenced epoch), slf4j and the
 * JDK; knows nothing about HTTP (the API maps {@link io.argus.server.camera.CameraException} to responses).
 */
package io.argus.server.camera;
