package io.argus.metadata;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash of an audit row: SHA-256 over a canonical encoding of every field and the previous row's hash.
 *
 * <p>The encoding is a version tag, then each field in a fixed order as a presence byte and, if present, its
 * length-prefixed UTF-8 bytes (numbers as 8 big-endian bytes). Length prefixes make it unambiguous: no two
 * different rows encode to the same bytes (unlike joining with a separator a field could contain). The seq is
 * inside, so a row moved to another place in the chain no longer matches its hash.
 */
public final class AuditHash {
    /** The {@code prev_hash} of a chain's first row. */
    public static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "argus-audit-v1";

    private AuditHash() {
    }

    public static String of(long seq, AuditEntry e, String prevHash) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            text(out, VERSION);
            text(out, e.tenantId().toString());
            out.writeLong(seq);
            out.writeLong(e.at().getEpochSecond());
            out.writeInt(e.at().getNano());
            text(out, e.userId() == null ? null : e.userId().toString());
            text(out, e.userName());
            text(out, e.sourceIp());
            text(out, e.action());
            text(out, e.targetType());
            text(out, e.targetId());
            text(out, e.outcome());
            text(out, e.details());
            text(out, prevHash);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException("every Java runtime has SHA-256", x);
        }
    }

    private static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeBoolean(false);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeBoolean(true);
        out.writeInt(b.length);
        out.write(b);
    }
}
