package io.argus.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for HTTPS and RTSPS: where the certificate comes from, which protocol versions, and the ports.
 *
 * <p>The certificate is a PEM pair ({@code certFile} + {@code keyFile}), or a PKCS#12 {@code keystore}, or, when
 * neither is set, a self-signed one made on first start in the data directory and kept.
 *
 * @param certFile      PEM certificate chain, leaf first; null unless {@code keyFile} is set too
 * @param keyFile       PEM private key (PKCS#8, or PKCS#1 RSA), unencrypted
 * @param keystore      PKCS#12 file with one key entry; exclusive with the PEM pair
 * @param names         extra DNS names or IP addresses for a self-signed certificate's SAN
 * @param tls13Only     whether only TLS 1.3 is accepted ({@code tls.minVersion=1.3}); else 1.2 and 1.3
 * @param plainHttp     what the plain HTTP port does while HTTPS is on
 */
public record TlsConfig(boolean enabled, Path certFile, Path keyFile, Path keystore, String keystorePassword,
                        List<String> names, boolean tls13Only, int httpsPort, PlainHttp plainHttp, int rtspsPort) {
    /** The plain HTTP port beside HTTPS. */
    public enum PlainHttp {
        /** Serves everything, as without TLS. */
        SERVE,
        /** Answers every request with 308 to the same URL on HTTPS. */
        REDIRECT,
        /** Not opened. */
        OFF
    }

    public TlsConfig {
        Objects.requireNonNull(names, "names");
        Objects.requireNonNull(plainHttp, "plainHttp");
        names = List.copyOf(names);
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("tls.certFile and tls.keyFile: set both or neither");
        }
        if (certFile != null && keystore != null) {
            throw new IllegalArgumentException("tls.keystore: set either it or tls.certFile/tls.keyFile, not both");
        }
        if (!enabled && plainHttp == PlainHttp.OFF) {
            throw new IllegalArgumentException("http.plain: off needs tls.enabled=true (nothing would listen)");
        }
    }

    static int minVersion(String s) {
        return switch (s.trim()) {
            case "1.2" -> 2;
            case "1.3" -> 3;
            default -> throw new IllegalArgumentException("'" + s + "' is not 1.2 or 1.3");
        };
    }

    static PlainHttp plainHttp(String s) {
        return switch (s.trim()) {
            case "serve" -> PlainHttp.SERVE;
            case "redirect" -> PlainHttp.REDIRECT;
            case "off" -> PlainHttp.OFF;
            default -> throw new IllegalArgumentException("'" + s + "' is not serve, redirect or off");
        };
    }

    static Optional<Path> optionalPath(String s) {
        return s.isBlank() ? Optional.empty() : Optional.of(Path.of(s.trim()));
    }

    static List<String> names(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\\s*,\\s*"));
    }
}
