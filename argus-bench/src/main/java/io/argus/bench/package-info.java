/**
 * The load harness behind {@code argus bench}: starts the server and the camera simulator as separate JVMs,
 * drives the server through its public API, and measures the server process from outside ({@code /proc}),
 * so the figures are what an operator would see. A run leaves its logs and nothing else: {@link BenchRun} stops
 * the child processes and deletes what they recorded when the run ends, however it ends, and {@link DiskEstimate}
 * refuses a run the disk cannot hold.
 *
 * <p>Layer: argus-bench. May import {@code io.argus.sim}, {@code io.argus.media}, Jackson and the JDK; never
 * {@code io.argus.server} (it runs the server by its main class name, as a child process).
 */
package io.argus.bench;
