package io.argus.server.auth;

import java.time.Duration;

/**
 * Login lockout settings ({@code auth.lockout.*}).
 *
 * @param maxFailures          failures of one user within {@code window} that lock it
 * @param maxFailuresPerSource failures from one address within {@code window} that lock it
 */
public record LockoutConfig(int maxFailures, int maxFailuresPerSource, Duration window, Duration lockout) {
}
