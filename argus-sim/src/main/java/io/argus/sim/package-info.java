/**
 * The camera simulator: N RTSP cameras that loop the bundled sample media in real time, each frame stamped
 * with its wall-clock capture time in an SEI NAL unit so any reader downstream can measure latency exactly.
 * The cameras are served by Argus's own RTSP server from publisher paths; the sample bytes are loaded once
 * and shared by every camera (each frame is retained slices of them plus a fresh SEI).
 *
 * <p>Layer: argus-sim. May import {@code io.argus.media}, {@code io.argus.media.codec}, {@code io.argus.sim.samples}
 * (the sample files, argus-sim-samples), its own {@code io.argus.sim.onvif} and {@code io.argus.sim.ptz} (with
 * ONVIF's {@code PtzVector}), Netty, SLF4J and the JDK; {@code io.argus.sim.onvif} also {@code io.argus.onvif}, the
 * JDK's HTTP server and SLF4J. Never the test kit, which is not shipped.
 */
package io.argus.sim;
