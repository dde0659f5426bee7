/**
 * Test support shared by every module: the sample media and RTP captures (with the commands that made them),
 * buffer leak assertions and a manual clock.
 *
 * <p>Layer: test support, usable from any module's tests (and the simulator and benchmarks). May import the JDK,
 * {@code io.netty.buffer}, {@code io.netty.util}, JUnit and AssertJ; never an Argus production module, so any
 * module can depend on it.
 */
package io.argus.testkit;
