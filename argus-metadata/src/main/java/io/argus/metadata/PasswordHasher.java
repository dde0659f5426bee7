package io.argus.metadata;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes as self-describing strings. New hashes are Argon2id in the PHC string format
 * ({@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}); hashes made before it,
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>}, still verify, and {@link #needsRehash} tells the login to
 * replace them (and Argon2id ones with weaker parameters than today's).
 */
public final class PasswordHasher {
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256; kept to verify hashes made before Argon2id. */
    public static final int ITERATIONS = 210_000;

    /**
     * OWASP's minimum Argon2id configuration (19 MiB, 2 passes, 1 lane): about 40–80 ms per hash on one core
     * here, memory-hard so GPU guessing gains little.
     */
    static final int ARGON2_MEMORY_KIB = 19_456;
    static final int ARGON2_PASSES = 2;
    static final int ARGON2_LANES = 1;

    /** 128-bit salts: unique per user, so equal passwords hash differently. */
    static final int SALT_BYTES = 16;

    static final int HASH_BITS = 256;
    private static final String PBKDF2 = "pbkdf2-sha256";
    private static final String ARGON2 = "$argon2id$v=19$";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private PasswordHasher() {
    }

    /** An Argon2id hash of {@code password} with a new random salt. */
    public static String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2(password, salt, ARGON2_MEMORY_KIB, ARGON2_PASSES, ARGON2_LANES);
        return ARGON2 + "m=" + ARGON2_MEMORY_KIB + ",t=" + ARGON2_PASSES + ",p=" + ARGON2_LANES + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** The old PBKDF2 format, kept so tests can make the hashes older databases hold. */
    public static String hashPbkdf2(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = pbkdf2(password, salt, ITERATIONS);
        return PBKDF2 + "$" + ITERATIONS + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code stored}; false for a malformed stored string. */
    public static boolean verify(String password, String stored) {
        try {
            if (stored.startsWith(ARGON2)) {
                String[] parts = stored.substring(ARGON2.length()).split("\\$");
                if (parts.length != 3) {
                    return false;
                }
                int[] mtp = params(parts[0]);
                byte[] salt = Base64.getDecoder().decode(parts[1]);
                byte[] expected = Base64.getDecoder().decode(parts[2]);
                return MessageDigest.isEqual(expected, argon2(password, salt, mtp[0], mtp[1], mtp[2]));
            }
            String[] parts = stored.split("\\$");
            if (parts.length != 4 || !parts[0].equals(PBKDF2)) {
                return false;
            }
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return iterations > 0 && MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code stored} is not an Argon2id hash with today's parameters (rehash it at the next login). */
    public static boolean needsRehash(String stored) {
        if (!stored.startsWith(ARGON2)) {
            return true;
        }
        try {
            int[] mtp = params(stored.substring(ARGON2.length()).split("\\$")[0]);
            return mtp[0] < ARGON2_MEMORY_KIB || mtp[1] < ARGON2_PASSES;
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    /** {@code m=..,t=..,p=..} in that order. */
    private static int[] params(String s) {
        String[] kv = s.split(",");
        if (kv.length != 3 || !kv[0].startsWith("m=") || !kv[1].startsWith("t=") || !kv[2].startsWith("p=")) {
            throw new IllegalArgumentException("bad argon2 parameters");
        }
        int[] out = {Integer.parseInt(kv[0].substring(2)), Integer.parseInt(kv[1].substring(2)),
                Integer.parseInt(kv[2].substring(2))};
        if (out[0] < 8 || out[0] > 4 * 1024 * 1024 || out[1] < 1 || out[1] > 100 || out[2] < 1 || out[2] > 64) {
            throw new IllegalArgumentException("argon2 parameters out of range");
        }
        return out;
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int passes, int lanes) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withSalt(salt).withMemoryAsKB(memoryKib).withIterations(passes).withParallelism(lanes).build());
        byte[] out = new byte[HASH_BITS / 8];
        g.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is required by the Java SE spec", e);
        } finally {
            spec.clearPassword();
        }
    }
}
