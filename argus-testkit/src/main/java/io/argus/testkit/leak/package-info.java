/**
 * Makes a leaked Netty buffer fail the build: a JUnit extension, auto-registered for every test class, records
 * the reports of Netty's leak detector and fails the class that finishes after them.
 *
 * <p>Layer: test support. May import Netty, JUnit and the JDK.
 */
package io.argus.testkit.leak;
