package io.argus.server.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks media URL tokens ({@code ?sig=}): the {@link MediaGrant} and its HMAC-SHA256 under the
 * node's secret, URL-safe base64 without padding. A token is scoped to a camera, not to one path, so it opens
 * the media paths of that camera (snapshot, live, playback, export) that its actions allow; a publish token
 * ({@link MediaGrant#publish()}) opens WHIP ingest into that camera instead.
 *
 * <p>Token layout (122 bytes, 163 characters): version 3 (1 byte), tenant (16), user (16), the minting session or
 * API token (16), camera (16), actions (1: a bit per {@link MediaGrant#SIGNED}, in its order; the publish bit
 * alone or not at all), expiry in epoch
 * seconds (8), from and to in epoch milliseconds (8 each, {@link Long#MIN_VALUE} for no bound), then the MAC (32)
 * over everything before it. Changing the secret revokes every token at once. The minting token is there so the
 * URL is checked against it when it is used: when it ends (logout, revocation, a new password, expiry) its URLs
 * stop, and they never do more than its scopes and its user's rights at that moment. Version 2 tokens (no
 * minting token, no actions) are invalid. The publish bit came within version 3: a node that predates it finds
 * a bit it does not know and refuses the token, which is the safe way round.
 */
public final class MediaUrlSigner {
    static final byte VERSION = 3;
    static final int PAYLOAD_BYTES = 1 + 16 + 16 + 16 + 16 + 1 + 8 + 8 + 8;
    static final int MAC_BYTES = 32;
    static final int TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
    private static final long UNBOUNDED = Long.MIN_VALUE;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    /** @param secret at least 32 bytes (HMAC-SHA256's block of strength); the caller keeps it secret */
    public MediaUrlSigner(byte[] secret, Clock clock) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("the media URL secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret.clone(), HMAC);
        this.clock = clock;
    }

    public String sign(MediaGrant g) {
        ByteBuffer b = ByteBuffer.allocate(TOKEN_BYTES);
        b.put(VERSION);
        putUuid(b, g.tenant());
        putUuid(b, g.user());
        putUuid(b, g.token());
        putUuid(b, g.camera());
        b.put(bits(g.actions()));
        b.putLong(g.expiresAt().getEpochSecond());
        b.putLong(g.from() == null ? UNBOUNDED : g.from().toEpochMilli());
        b.putLong(g.to() == null ? UNBOUNDED : g.to().toEpochMilli());
        b.put(mac(b.array(), PAYLOAD_BYTES));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** Checks {@code token} against this node's secret and clock. */
    public MediaUrlCheck check(String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return new MediaUrlCheck.Invalid("the signature is not URL-safe base64");
        }
        if (raw.length != TOKEN_BYTES || raw[0] != VERSION) {
            return new MediaUrlCheck.Invalid("the signature is malformed");
        }
        byte[] expected = mac(raw, PAYLOAD_BYTES);
        byte[] actual = Arrays.copyOfRange(raw, PAYLOAD_BYTES, TOKEN_BYTES);
        if (!MessageDigest.isEqual(expected, actual)) {
            return new MediaUrlCheck.Invalid("the signature does not match");
        }
        ByteBuffer b = ByteBuffer.wrap(raw, 1, PAYLOAD_BYTES - 1);
        UUID tenant = new UUID(b.getLong(), b.getLong());
        UUID user = new UUID(b.getLong(), b.getLong());
        UUID mintedBy = new UUID(b.getLong(), b.getLong());
        UUID camera = new UUID(b.getLong(), b.getLong());
        Set<Action> actions = actions(b.get());
        Instant expiresAt = Instant.ofEpochSecond(b.getLong());
        long from = b.getLong();
        long to = b.getLong();
        if (actions.isEmpty() || actions.contains(MediaGrant.PUBLISH) && (actions.size() > 1 || from != UNBOUNDED
                || to != UNBOUNDED)) {
            return new MediaUrlCheck.Invalid("the signature is malformed");
        }
        MediaGrant g = new MediaGrant(tenant, user, mintedBy, camera, actions, expiresAt,
                from == UNBOUNDED ? null : Instant.ofEpochMilli(from), to == UNBOUNDED ? null : Instant.ofEpochMilli(to));
        return clock.instant().isBefore(expiresAt) ? new MediaUrlCheck.Valid(g) : new MediaUrlCheck.Expired(g);
    }

    private byte[] mac(byte[] data, int len) {
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(key);
            m.update(data, 0, len);
            return m.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }

    private static byte bits(Set<Action> actions) {
        int bits = 0;
        for (int i = 0; i < MediaGrant.SIGNED.size(); i++) {
            if (actions.contains(MediaGrant.SIGNED.get(i))) {
                bits |= 1 << i;
            }
        }
        return (byte) bits;
    }

    /** The actions of {@code bits}; empty for none or for a bit no action has (a token this node did not make). */
    private static Set<Action> actions(byte bits) {
        Set<Action> out = EnumSet.noneOf(Action.class);
        for (int i = 0; i < MediaGrant.SIGNED.size(); i++) {
            if ((bits & (1 << i)) != 0) {
                out.add(MediaGrant.SIGNED.get(i));
            }
        }
        return (bits & 0xff) >> MediaGrant.SIGNED.size() == 0 ? out : EnumSet.noneOf(Action.class);
    }

    private static void putUuid(ByteBuffer b, UUID u) {
        b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    }
}
