/**
 * Authentication and the authorization model: password login (Argon2id, lockout) issuing expiring session
 * tokens and named, scoped API tokens; the actions, built-in roles and grants (actions x cameras x time window)
 * a {@link io.argus.server.auth.Principal} is resolved into per request; the password policy; the first-start
 * admin user; and signed media URLs (HMAC tokens for one camera and their minting user, checked without state).
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, slf4j and the JDK (with {@code javax.crypto} for
 * the media URL signatures); knows nothing about HTTP or RTSP.
 */
package io.argus.server.auth;
