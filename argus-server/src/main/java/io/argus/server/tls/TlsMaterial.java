package io.argus.server.tls;

import io.argus.server.config.TlsConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;

/**
 * The node's certificate and key, loaded once, and the TLS protocol versions it allows: what HTTPS (Jetty) and
 * RTSPS (Netty) are configured from, so both serve the same certificate with the same rules.
 *
 * @param password the key store's and the key's password
 */
public record TlsMaterial(KeyStore keyStore, char[] password, List<String> protocols) {
    static final String ALIAS = "argus";

    /** From the configured PEM pair or keystore, else the self-signed certificate in {@code dataDir}. */
    public static TlsMaterial load(TlsConfig tls, Path dataDir) throws IOException, GeneralSecurityException {
        List<String> protocols = tls.tls13Only() ? List.of("TLSv1.3") : List.of("TLSv1.3", "TLSv1.2");
        if (tls.certFile() != null) {
            List<Certificate> chain = PemFiles.certificates(tls.certFile());
            char[] pw = new char[0];
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, PemFiles.privateKey(tls.keyFile()), pw, chain.toArray(Certificate[]::new));
            return new TlsMaterial(ks, pw, protocols);
        }
        if (tls.keystore() != null) {
            return new TlsMaterial(pkcs12(tls.keystore(), tls.keystorePassword().toCharArray()),
                    tls.keystorePassword().toCharArray(), protocols);
        }
        Path file = SelfSignedCertificate.ensure(dataDir, tls.names());
        return new TlsMaterial(pkcs12(file, SelfSignedCertificate.PASSWORD), SelfSignedCertificate.PASSWORD,
                protocols);
    }

    private static KeyStore pkcs12(Path file, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password);
        } catch (IOException e) {
            throw new GeneralSecurityException("cannot read keystore " + file + " (wrong tls.keystorePassword?): "
                    + e.getMessage(), e);
        }
        return ks;
    }

    /** A Netty server context (RTSPS) with the JDK's TLS engine, this certificate and these protocols. */
    public SslContext nettyServerContext() throws GeneralSecurityException, SSLException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, password);
        return SslContextBuilder.forServer(kmf).sslProvider(SslProvider.JDK).protocols(protocols)
                .clientAuth(ClientAuth.NONE).build();
    }
}
