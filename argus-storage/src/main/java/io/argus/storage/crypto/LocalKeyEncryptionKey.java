package io.argus.storage.crypto;

import io.argus.storage.chunk.PrivateFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A 256-bit master key held in this process: AES-256-GCM wraps data keys (random 96-bit nonce per wrap; a node
 * wraps a handful of keys, far from GCM's random-nonce limit). Its id is derived from the key itself, so a key
 * file and the same key in {@code ARGUS_CRYPTO_MASTER_KEY} are the same master key.
 */
public final class LocalKeyEncryptionKey implements KeyEncryptionKey {
    static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final String id;

    private LocalKeyEncryptionKey(byte[] raw) {
        if (raw.length != KEY_BYTES) {
            throw new IllegalArgumentException("a master key is " + KEY_BYTES + " bytes, not " + raw.length);
        }
        this.key = new SecretKeySpec(raw, "AES");
        this.id = "local:" + HexFormat.of().formatHex(Arrays.copyOf(sha256(raw), 8));
    }

    public static LocalKeyEncryptionKey generate() {
        byte[] raw = new byte[KEY_BYTES];
        RANDOM.nextBytes(raw);
        return new LocalKeyEncryptionKey(raw);
    }

    /**
     * @param base64 the key as 44 characters of base64 (what the key file holds)
     * @throws IllegalArgumentException if it is not base64 of 32 bytes
     */
    public static LocalKeyEncryptionKey fromBase64(String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a master key must be base64 of 32 bytes: " + e.getMessage(), e);
        }
        return new LocalKeyEncryptionKey(raw);
    }

    /** Reads a key file (base64 on one line). */
    public static LocalKeyEncryptionKey read(Path file) throws IOException {
        try {
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new IOException("bad master key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the key file, or makes a new key and writes it there first (owner read/write only). */
    public static LocalKeyEncryptionKey readOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return read(file);
        }
        LocalKeyEncryptionKey k = generate();
        try {
            k.writeNew(file);
        } catch (FileAlreadyExistsException e) {
            return read(file);
        }
        return k;
    }

    /**
     * Writes this key to a new file, readable by the owner only, synced before it appears under its name (a crash
     * never leaves a half-written key).
     */
    public void writeNew(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        PrivateFiles.createDirectories(dir);
        Path tmp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, base64() + "\n", StandardCharsets.US_ASCII, StandardOpenOption.WRITE,
                StandardOpenOption.SYNC);
        if (Files.exists(file)) {
            Files.delete(tmp);
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The key in base64, for a key file or the environment variable. */
    public String base64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public byte[] wrap(byte[] dataKey, byte[] aad) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        c.updateAAD(aad);
        byte[] sealed = c.doFinal(dataKey);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    @Override
    public byte[] unwrap(byte[] wrapped, byte[] aad) throws GeneralSecurityException {
        if (wrapped.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new GeneralSecurityException("wrapped key too short");
        }
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, wrapped, 0, NONCE_BYTES));
        c.updateAAD(aad);
        return c.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
    }

    static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "LocalKeyEncryptionKey[" + id + "]";
    }
}
