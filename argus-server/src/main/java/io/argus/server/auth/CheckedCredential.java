package io.argus.server.auth;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A credential as it was checked (a password, a token), with how to ask again, without the secret's slow hash,
 * whether it still stands for a principal: what an open RTSP or RTMP session is re-checked with.
 *
 * @param principal the principal when it was checked
 * @param again     its principal now; empty once the credential no longer has one (revoked, expired, a new
 *                  password, its user or tenant disabled). May block (a database lookup)
 */
public record CheckedCredential(Principal principal, Supplier<Optional<Principal>> again) {
}
