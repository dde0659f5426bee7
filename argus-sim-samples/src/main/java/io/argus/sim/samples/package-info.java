/**
 * The simulator's sample videos as classpath resources ({@link io.argus.sim.samples.SimSample}), with the ffmpeg
 * commands that made them in the README beside the files. A module of its own so that {@code argus sim} and
 * {@code argus demo} ship these 2.5 MB and nothing of the test kit.
 *
 * <p>Layer: data, below everything. Imports the JDK only.
 */
package io.argus.sim.samples;
