package io.argus.server.auth;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints and checks {@link NodeToken}s under the cluster's shared secret ({@code cluster.secret}): {@code
 * argus-node.<payload>.<mac>}, URL-safe base64 without padding, the MAC an HMAC-SHA256 over the payload with a key
 * derived from the secret for this use alone (so the secret's other uses never sign a node token). Payload: version
 * 1 (1 byte), node name (modified UTF-8), tenant, camera (16 each), whether a user follows (1) and the user (16),
 * actions (1: a bit per {@link MediaGrant#MEDIA}), expiry in epoch seconds (8).
 *
 * <p>A node token is not a user's credential: no user token or password verifies as one (it has no MAC under the
 * cluster secret), the bearer-token lookup never finds one (it is in no table), and it opens only the one camera,
 * for its actions, for {@link #TTL}.
 */
public final class NodeTokenSigner {
    public static final String PREFIX = "argus-node.";
    /**
     * Long enough for a call to reach the owner and be checked on a loaded node, short enough that a token seen in a
     * log or a proxy is of no use a minute later. An open relay is not cut when its token expires: it is re-checked
     * as the camera's (see RtspAccess).
     */
    public static final Duration TTL = Duration.ofSeconds(60);
    static final byte VERSION = 1;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Clock clock;

    /** @param secret the cluster secret, at least 32 characters (checked by the configuration) */
    public NodeTokenSigner(String secret, Clock clock) {
        this.key = new SecretKeySpec(mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC),
                "argus node token v1".getBytes(StandardCharsets.UTF_8)), HMAC);
        this.clock = clock;
    }

    /** A token for {@code node} to do {@code actions} on one camera, for a user or (user null) a relay. */
    public String mint(String node, UUID tenant, UUID camera, UUID user, Set<Action> actions) {
        NodeToken t = new NodeToken(node, tenant, camera, user, actions, clock.instant().plus(TTL));
        byte[] payload = payload(t);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return PREFIX + b64.encodeToString(payload) + "." + b64.encodeToString(mac(key, payload));
    }

    /** Whether the text is meant as a node token (checked or not): such text is never tried as a user's. */
    public static boolean looksLike(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** The token's grant, when its MAC is good and it has not expired; empty for anything else. */
    public Optional<NodeToken> verify(String token) {
        if (!looksLike(token)) {
            return Optional.empty();
        }
        String[] parts = token.substring(PREFIX.length()).split("\\.", -1);
        if (parts.length != 2) {
            return Optional.empty();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
            byte[] sent = Base64.getUrlDecoder().decode(parts[1]);
            if (!MessageDigest.isEqual(sent, mac(key, payload))) {
                return Optional.empty();
            }
            NodeToken t = read(payload);
            return t.expiresAt().isAfter(clock.instant()) ? Optional.of(t) : Optional.empty();
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] payload(NodeToken t) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeByte(VERSION);
            out.writeUTF(t.node());
            uuid(out, t.tenant());
            uuid(out, t.camera());
            out.writeBoolean(t.user() != null);
            if (t.user() != null) {
                uuid(out, t.user());
            }
            int bits = 0;
            for (int i = 0; i < MediaGrant.MEDIA.size(); i++) {
                bits |= t.actions().contains(MediaGrant.MEDIA.get(i)) ? 1 << i : 0;
            }
            out.writeByte(bits);
            out.writeLong(t.expiresAt().getEpochSecond());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NodeToken read(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(payload));
        if (in.readByte() != VERSION) {
            throw new IOException("unknown node token version");
        }
        String node = in.readUTF();
        UUID tenant = new UUID(in.readLong(), in.readLong());
        UUID camera = new UUID(in.readLong(), in.readLong());
        UUID user = in.readBoolean() ? new UUID(in.readLong(), in.readLong()) : null;
        int bits = in.readUnsignedByte();
        Set<Action> actions = EnumSet.noneOf(Action.class);
        for (int i = 0; i < MediaGrant.MEDIA.size(); i++) {
            if ((bits & 1 << i) != 0) {
                actions.add(MediaGrant.MEDIA.get(i));
            }
        }
        Instant expires = Instant.ofEpochSecond(in.readLong());
        if (in.available() != 0) {
            throw new IOException("trailing bytes in a node token");
        }
        return new NodeToken(node, tenant, camera, user, actions, expires);
    }

    private static void uuid(DataOutputStream out, UUID u) throws IOException {
        out.writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
    }

    private static byte[] mac(SecretKeySpec key, byte[] data) {
        try {
            Mac m = Mac.getInstance(HMAC);
            m.init(key);
            return m.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java SE spec", e);
        }
    }
}
