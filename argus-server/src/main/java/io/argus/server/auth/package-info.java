/**
 * Authentication: password login issuing expiring bearer tokens, token checks for API requests, and the
 * first-start admin user.
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, slf4j and the JDK; knows nothing about HTTP.
 */
package io.argus.server.auth;
