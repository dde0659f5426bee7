package io.argus.storage.evidence;

import com.fasterxml.jackson.core.JacksonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an evidence package offline, with nothing but the package (and, to know who signed it, the node's
 * public key from a trusted source): the signature over the manifest, the video's hash, and the hash chain's
 * internal consistency. Each failure names what does not hold.
 */
public final class EvidenceVerifier {
    /** Largest manifest or key file read: a manifest of a day of one-minute chunks is about 400 KB. */
    private static final long MAX_SMALL_ENTRY = 16L << 20;

    /**
     * @param checks       what was checked and held, in words, in order
     * @param pinned       whether the signature was checked against a key given by the caller (else the package's
     *                     own key: proves the package is unaltered since signing, not who signed it)
     */
    public record Result(EvidenceManifest manifest, String keyFingerprint, boolean pinned, List<String> checks) {
    }

    private EvidenceVerifier() {
    }

    /**
     * @param trusted the node's public key from a trusted source, or null to use the package's own
     * @throws EvidenceException if a check fails
     */
    public static Result verify(Path pkg, PublicKey trusted) throws IOException, EvidenceException {
        List<String> checks = new ArrayList<>();
        try (ZipFile zip = new ZipFile(pkg.toFile())) {
            byte[] manifestBytes = small(zip, EvidenceExporter.MANIFEST);
            String sig = new String(small(zip, EvidenceExporter.SIGNATURE), StandardCharsets.US_ASCII).strip();
            PublicKey packaged;
            try {
                packaged = NodeSigningKey.publicKey(new String(small(zip, EvidenceExporter.PUBLIC_KEY),
                        StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new EvidenceException(EvidenceExporter.PUBLIC_KEY + " is not an Ed25519 public key: "
                        + e.getMessage());
            }
            PublicKey key = trusted != null ? trusted : packaged;
            String fingerprint = NodeSigningKey.fingerprint(key);
            if (trusted != null && !fingerprint.equals(NodeSigningKey.fingerprint(packaged))) {
                throw new EvidenceException("the package carries public key " + NodeSigningKey.fingerprint(packaged)
                        + ", not the trusted key " + fingerprint);
            }
            if (!signatureHolds(key, manifestBytes, sig)) {
                throw new EvidenceException("signature check failed: " + EvidenceExporter.SIGNATURE + " does not "
                        + "verify over " + EvidenceExporter.MANIFEST + " with key " + fingerprint
                        + " (the manifest was altered, or the signature is another's)");
            }
            checks.add("signature of " + EvidenceExporter.MANIFEST + " verifies with Ed25519 key " + fingerprint
                    + (trusted != null ? " (trusted key)" : " (the package's own key)"));
            EvidenceManifest m;
            try {
                m = EvidenceExporter.JSON.readValue(manifestBytes, EvidenceManifest.class);
            } catch (JacksonException e) {
                throw new EvidenceException(EvidenceExporter.MANIFEST + " does not parse: " + e.getOriginalMessage());
            }
            if (!EvidenceManifest.FORMAT.equals(m.format()) || m.video() == null || m.chain() == null
                    || m.chain().chunks() == null || m.integrity() == null) {
                throw new EvidenceException(EvidenceExporter.MANIFEST + " is not an " + EvidenceManifest.FORMAT
                        + " manifest");
            }
            if (!fingerprint.equals(m.nodeKeyFingerprint())) {
                throw new EvidenceException("the manifest names signing key " + m.nodeKeyFingerprint()
                        + ", the signature is by " + fingerprint);
            }
            checkVideo(zip, m, checks);
            checkChain(m, checks);
            if (!m.integrity().ok()) {
                throw new EvidenceException("the node found the recordings damaged when it exported them: "
                        + String.join("; ", m.integrity().problems()));
            }
            checks.add("the node re-hashed every chunk at export time and found them intact ("
                    + m.integrity().anchor() + ")");
            return new Result(m, fingerprint, trusted != null, checks);
        }
    }

    private static boolean signatureHolds(PublicKey key, byte[] message, String base64) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(Base64.getDecoder().decode(base64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkVideo(ZipFile zip, EvidenceManifest m, List<String> checks)
            throws IOException, EvidenceException {
        ZipEntry e = entry(zip, m.video().file());
        MessageDigest sha = EvidenceExporter.sha256();
        long size = 0;
        try (InputStream in = zip.getInputStream(e)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; size += n) {
                sha.update(buf, 0, n);
            }
        } catch (java.util.zip.ZipException ex) {
            throw new EvidenceException(m.video().file() + " is damaged in the zip (" + ex.getMessage()
                    + "): the video was altered");
        }
        String hash = HexFormat.of().formatHex(sha.digest());
        if (!hash.equals(m.video().sha256()) || size != m.video().bytes()) {
            throw new EvidenceException(m.video().file() + " was altered: its " + size + " bytes hash to " + hash
                    + ", the manifest says " + m.video().bytes() + " bytes hashing to " + m.video().sha256());
        }
        checks.add(m.video().file() + " matches the manifest (" + size + " bytes, SHA-256 " + hash + ")");
    }

    private static void checkChain(EvidenceManifest m, List<String> checks) throws EvidenceException {
        List<EvidenceManifest.Link> links = m.chain().chunks();
        if (links.isEmpty()) {
            throw new EvidenceException("the manifest lists no chunks");
        }
        String prev = m.chain().anchorSha256();
        EvidenceManifest.Link before = null;
        for (EvidenceManifest.Link l : links) {
            if (!Objects.equals(l.prevSha256(), prev)) {
                throw new EvidenceException("hash chain broken at chunk " + l.id() + ": its previous hash is "
                        + l.prevSha256() + ", the chunk before it hashes to " + prev);
            }
            if (before != null && l.start().isBefore(before.end().minusMillis(500))) {
                throw new EvidenceException("chunk " + l.id() + " starts before chunk " + before.id() + " ends");
            }
            if (l.start().isAfter(m.to()) || l.end().isBefore(m.from())) {
                throw new EvidenceException("chunk " + l.id() + " lies outside the exported range");
            }
            prev = l.sha256();
            before = l;
        }
        checks.add("hash chain of " + links.size() + " chunk(s) is consistent from " + (m.chain().anchorSha256()
                == null ? "the camera's first chunk" : "anchor " + m.chain().anchorSha256()) + " to " + prev);
        long converted = links.stream().filter(l -> l.verified() != null
                && !l.verified().equals(EvidenceManifest.Link.ORIGINAL)).count();
        if (converted > 0) {
            checks.add(converted + " of " + links.size() + " chunk(s) are stored as a converted copy (a storage tier"
                    + " re-encoded them): the node checked those copies against their converted hashes, and the"
                    + " chain above runs through the originals' hashes as recorded");
        }
    }

    private static ZipEntry entry(ZipFile zip, String name) throws EvidenceException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new EvidenceException("the package has no " + name);
        }
        return e;
    }

    private static byte[] small(ZipFile zip, String name) throws IOException, EvidenceException {
        ZipEntry e = entry(zip, name);
        try (InputStream in = zip.getInputStream(e)) {
            byte[] b = in.readNBytes((int) MAX_SMALL_ENTRY + 1);
            if (b.length > MAX_SMALL_ENTRY) {
                throw new EvidenceException(name + " is over " + MAX_SMALL_ENTRY + " bytes");
            }
            return b;
        } catch (java.util.zip.ZipException ex) {
            throw new EvidenceException(name + " is damaged in the zip (" + ex.getMessage() + ")");
        }
    }
}
