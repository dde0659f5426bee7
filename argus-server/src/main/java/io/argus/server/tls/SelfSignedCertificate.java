package io.argus.server.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate a node uses when TLS is on and none is configured: made once, on first start, in
 * {@code <dataDir>/tls/self-signed.p12} (0600, in a 0700 directory) and reused after, so clients that pinned it
 * keep working across restarts.
 *
 * <p>It is made by the JDK's own {@code keytool} (in {@code java.home/bin} of every JDK and JRE), not a library:
 * the JDK has no public X.509 builder, and BouncyCastle's PKIX jars would add about 9 MB to every install for
 * this one step at first start. An EC P-256 key: made in milliseconds, accepted by browsers, ffmpeg and
 * GStreamer. Its names (SAN): the host name, {@code localhost}, {@code 127.0.0.1} and {@code tls.names}.
 */
final class SelfSignedCertificate {
    static final String FILE = "self-signed.p12";
    static final String ALIAS = "argus";
    /**
     * The PKCS#12 password. A file-system permission (0600) protects the key, not this password: a random one
     * would have to be stored beside it.
     */
    static final char[] PASSWORD = "argus-self-signed".toCharArray();
    /** Ten years: a self-signed certificate is trusted by pinning, and expiry would only break the pins. */
    static final int VALIDITY_DAYS = 3650;
    private static final Pattern IP = Pattern.compile("[0-9.]+|[0-9a-fA-F:]*:[0-9a-fA-F:.]*");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9*][A-Za-z0-9.*-]{0,252}");
    private static final Logger LOG = LoggerFactory.getLogger(SelfSignedCertificate.class);

    private SelfSignedCertificate() {
    }

    /** The keystore file, made now if it does not exist yet. */
    static Path ensure(Path dataDir, List<String> extraNames) throws IOException {
        Path dir = dataDir.resolve("tls");
        Path file = dir.resolve(FILE);
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        setPermissions(dir, "rwx------");
        List<String> names = names(extraNames);
        Path tmp = dir.resolve(FILE + ".tmp");
        Files.deleteIfExists(tmp);
        run(keytoolCommand(tmp, names));
        setPermissions(tmp, "rw-------");
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file);
        }
        LOG.info("made a self-signed TLS certificate for {} in {}; configure tls.certFile/tls.keyFile or tls.keystore "
                + "for one clients trust", names, file);
        return file;
    }

    /** Host name, localhost, 127.0.0.1 and the configured names, without duplicates, as keytool SAN entries. */
    static List<String> names(List<String> extra) {
        Set<String> all = new LinkedHashSet<>();
        try {
            all.add(InetAddress.getLocalHost().getHostName());
        } catch (UnknownHostException e) {
            LOG.debug("no host name for the self-signed certificate: {}", e.toString());
        }
        all.add("localhost");
        all.add("127.0.0.1");
        all.addAll(extra);
        List<String> out = new ArrayList<>();
        for (String n : all) {
            if (IP.matcher(n).matches()) {
                out.add("ip:" + n);
            } else if (NAME.matcher(n).matches()) {
                out.add("dns:" + n);
            } else {
                throw new IllegalArgumentException("tls.names: '" + n + "' is not a DNS name or an IP address");
            }
        }
        return out;
    }

    private static List<String> keytoolCommand(Path out, List<String> names) {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        String cn = names.get(0).substring(names.get(0).indexOf(':') + 1);
        String pw = new String(PASSWORD);
        return List.of(keytool, "-genkeypair", "-alias", ALIAS, "-keyalg", "EC", "-groupname", "secp256r1",
                "-sigalg", "SHA256withECDSA", "-validity", Integer.toString(VALIDITY_DAYS),
                "-dname", "CN=" + cn + ", O=Argus self-signed", "-ext", "SAN=" + String.join(",", names),
                "-keystore", out.toString(), "-storetype", "PKCS12", "-storepass", pw, "-keypass", pw, "-noprompt");
    }

    private static void run(List<String> command) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " to make a self-signed certificate (" + e.getMessage()
                    + "); configure tls.certFile/tls.keyFile or tls.keystore", e);
        }
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed to make a self-signed certificate: " + output);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making a self-signed certificate", e);
        }
    }

    private static void setPermissions(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            LOG.debug("no POSIX permissions on {}", p);
        }
    }
}
