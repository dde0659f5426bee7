package io.argus.storage.evidence;

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
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The node's Ed25519 signing key, for evidence packages: made on first start in {@code node-signing-key.pem} in
 * the data directory (owner read/write only), holding the private key (PKCS #8) and the public key (X.509
 * SubjectPublicKeyInfo) as PEM blocks (RFC 7468).
 */
public final class NodeSigningKey {
    public static final String FILE = "node-signing-key.pem";
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private NodeSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** Reads the node's key from the data directory, or makes it there first. */
    public static NodeSigningKey loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            try {
                create(file);
            } catch (FileAlreadyExistsException e) {
                // another process made it first: read theirs
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            return new NodeSigningKey(f.generatePrivate(new PKCS8EncodedKeySpec(pem(text, "PRIVATE KEY"))),
                    f.generatePublic(new X509EncodedKeySpec(pem(text, "PUBLIC KEY"))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("bad node signing key " + file + ": " + e.getMessage(), e);
        }
    }

    private static void create(Path file) throws IOException {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 has Ed25519", e);
        }
        PrivateFiles.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, toPem("PRIVATE KEY", pair.getPrivate().getEncoded())
                + toPem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII,
                StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        if (Files.exists(file)) {
            Files.delete(tmp);
            throw new FileAlreadyExistsException(file.toString());
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    static String toPem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /**
     * The DER bytes of the first PEM block of {@code type} in {@code text}.
     *
     * @throws IllegalArgumentException if there is none
     */
    static byte[] pem(String text, String type) {
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(type)) {
                return Base64.getMimeDecoder().decode(m.group(2));
            }
        }
        throw new IllegalArgumentException("no PEM block " + type);
    }

    /** Reads a public key from PEM text. */
    public static PublicKey publicKey(String pemText) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(pem(pemText,
                    "PUBLIC KEY")));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    public String publicKeyPem() {
        return toPem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** SHA-256 of the public key's DER encoding, hex: how a person compares keys. */
    public static String fingerprint(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }
}
