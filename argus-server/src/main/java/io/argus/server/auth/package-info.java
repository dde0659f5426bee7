/**
 * Authentication and the authorization model: password login (Argon2id, lockout) issuing expiring session
 * tokens and named, scoped API tokens; the actions, built-in roles and grants (actions x cameras x time window)
 * a {@link io.argus.server.auth.Principal} is resolved into per request; who may change whom and what a change to
 * an account revokes ({@link io.argus.server.auth.Accounts}, for every door); the password policy; the
 * first-start admin user; and signed media URLs (HMAC tokens for one camera, bound to the session or API token
 * that minted them and limited to what it could do); and node tokens, which one node of a cluster shows another
 * (HMAC under the cluster secret, one camera, a minute).
 *
 * <p>Layer: argus-server. May import {@code io.argus.metadata}, slf4j and the JDK (with {@code javax.crypto} for
 * the media URL signatures); knows nothing about HTTP or RTSP.
 */
package io.argus.server.auth;
