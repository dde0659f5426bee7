package io.argus.storage.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Short secrets in database columns (camera passwords), encrypted with the tenant's data key: AES-256-GCM with a
 * random 96-bit nonce and the caller's context (tenant and row id) as additional data, so a value copied to
 * another row or tenant does not decrypt. Stored as {@code enc:v1:<data key id>:<base64 of nonce, ciphertext
 * and tag>}; the prefix tells sealed values from plaintext ones written before encryption existed.
 */
public final class SecretBox {
    public static final String PREFIX = "enc:v1:";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int NONCE = 12;

    private final KeyRing keys;

    public SecretBox(KeyRing keys) {
        this.keys = keys;
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    /** Seals {@code secret} (null stays null) under the tenant's active data key. */
    public String seal(UUID tenant, String context, String secret) {
        if (secret == null) {
            return null;
        }
        DataKey k = keys.active(tenant);
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, k.key(), new GCMParameterSpec(128, nonce));
            c.updateAAD(aad(tenant, context));
            byte[] sealed = c.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + k.id() + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is in every JDK", e);
        }
    }

    /**
     * Opens a stored value; one without the prefix is returned as it is (a row from before encryption, until
     * the start-up migration seals it).
     *
     * @throws KeyUnavailableException if it does not decrypt (altered, another row's, or its key is gone)
     */
    public String open(UUID tenant, String context, String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        String rest = stored.substring(PREFIX.length());
        int colon = rest.indexOf(':');
        try {
            DataKey k = keys.key(UUID.fromString(rest.substring(0, Math.max(0, colon))));
            byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, k.key(), new GCMParameterSpec(128, in, 0, NONCE));
            c.updateAAD(aad(tenant, context));
            return new String(c.doFinal(in, NONCE, in.length - NONCE), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyUnavailableException("a sealed secret of tenant " + tenant + " (" + context
                    + ") does not decrypt", e);
        }
    }

    private static byte[] aad(UUID tenant, String context) {
        return (tenant + "/" + context).getBytes(StandardCharsets.UTF_8);
    }
}
