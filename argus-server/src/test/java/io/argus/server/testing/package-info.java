/**
 * Test support for the server's tests: {@link io.argus.server.testing.TestNode}, a node with a simulator and an
 * admin client for a test class.
 */
package io.argus.server.testing;
