/**
 * Test tiers: the tag annotations ({@link io.argus.testkit.tier.E2e}, {@link io.argus.testkit.tier.Interop},
 * {@link io.argus.testkit.tier.Browser}, {@link io.argus.testkit.tier.Kill}; untagged is the fast unit tier) and
 * the extension that records how long each tier ran. Layer: test support; imports the JDK and JUnit only.
 */
package io.argus.testkit.tier;
