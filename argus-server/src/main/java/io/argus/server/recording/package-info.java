/**
 * Recording as the control plane sees it: per-camera settings (mode, pre/post buffer, retention) stored in the
 * metadata database and applied to the {@link io.argus.storage.record.Recorder} at once, events that trigger
 * recording, and the periodic retention and disk-space sweeps.
 *
 * <p>Layer: argus-server. May import {@code io.argus.storage}, {@code io.argus.metadata},
 * {@code io.argus.server.camera}, {@code io.argus.media.path}, SLF4J and the JDK; knows nothing about HTTP.
 */
package io.argus.server.recording;
