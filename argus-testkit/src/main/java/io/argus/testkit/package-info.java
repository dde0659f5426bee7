/**
 * Test support shared by every module: the sample media and RTP captures (with the commands that made them),
 * buffer leak assertions, a manual clock, ffprobe/ffmpeg as child processes ({@link io.argus.testkit.Ffprobe}) and
 * child JVMs to kill ({@link io.argus.testkit.ChildJvm}), one PostgreSQL per test JVM
 * ({@link io.argus.testkit.EmbeddedPostgres}).
 *
 * <p>Layer: test support, on the test classpath of any module and never on a production one (an enforcer rule in
 * the parent POM fails the build otherwise). May import the JDK, {@code io.netty.buffer}, {@code io.netty.util},
 * JUnit, AssertJ, s3proxy, zonky's embedded PostgreSQL and the simulator's samples ({@code io.argus.sim.samples},
 * data only); never an Argus production module, so any module's tests can depend on it.
 */
package io.argus.testkit;
