/**
 * Authentication: password login issuing expiring bearer tokens, token checks for API requests, the
 * first-start admin user, and signed media URLs (HMAC tokens scoped to one camera, checked without state).
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, slf4j and the JDK (with {@code javax.crypto} for
 * the media URL signatures); knows nothing about HTTP.
 */
package io.argus.server.auth;
