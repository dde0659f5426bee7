/**
 * TLS for the node's servers: the certificate and key from PEM files, a PKCS#12 keystore, or a self-signed
 * certificate made once in the data directory ({@link io.argus.server.tls.SelfSignedCertificate}), and the
 * protocol versions allowed. {@link io.argus.server.tls.TlsMaterial} hands out what Jetty (HTTPS) and Netty
 * (RTSPS) take: a key store and a Netty {@code SslContext}.
 *
 * <p>Layer: argus-server. May import {@code io.argus.server.config}, Netty's SSL package, SLF4J and the JDK.
 */
package io.argus.server.tls;
