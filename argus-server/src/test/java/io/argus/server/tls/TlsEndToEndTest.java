package io.argus.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.argus.client.ArgusClient;
import io.argus.server.ArgusServer;
import io.argus.server.config.ArgusConfig;
import io.argus.server.config.ConfigException;
import io.argus.server.testing.TestNode;
import io.argus.testkit.Await;
import io.argus.testkit.Ffprobe;
import io.argus.testkit.tier.E2e;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS and RTSPS end to end: the self-signed certificate (names, file mode, reuse), handshakes with TLS 1.2 and
 * 1.3 and the 1.3-only option, RTSP requests over TLS with a raw socket and ffprobe, PEM files, plain HTTP
 * redirected or off.
 */
@E2e
class TlsEndToEndTest {
    static final String PASSWORD = TestNode.PASSWORD;

    @RegisterExtension
    static final TestNode node = TestNode.withSimulator(1).set("tls.enabled", "true")
            .set("tls.names", "cams.example.org,10.9.8.7");
    static ArgusServer server;
    static X509Certificate cert;
    static SSLContext trusting;
    static String camera;

    @BeforeAll
    static void start() throws Exception {
        server = node.server();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(node.dataDir().resolve("tls/self-signed.p12"))) {
            ks.load(in, SelfSignedCertificate.PASSWORD);
        }
        cert = (X509Certificate) ks.getCertificate(SelfSignedCertificate.ALIAS);
        trusting = trusting(cert);
        camera = node.addCamera("tls-cam", node.url(0));
        node.awaitLive(camera);
    }

    static ArgusConfig config(Path dataDir, Map<String, String> more) {
        Map<String, String> m = new HashMap<>(more);
        m.put("admin.password", PASSWORD);
        return ArgusConfig.ephemeral(dataDir, m);
    }

    static SSLContext trusting(X509Certificate c) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("argus", c);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static HttpResponse<String> get(SSLContext ctx, String url) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(ctx).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return c.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A handshake offering only {@code protocol}; returns the negotiated protocol. */
    static String handshake(int port, String protocol) throws Exception {
        try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(5000);
            s.setEnabledProtocols(new String[] {protocol});
            s.startHandshake();
            return s.getSession().getProtocol();
        }
    }

    @Test
    void selfSignedCertificateNamesTheHostAndIsPrivateAndKept() throws Exception {
        List<String> names = new ArrayList<>();
        for (List<?> san : cert.getSubjectAlternativeNames()) {
            names.add(san.get(1).toString());
        }
        assertThat(names).contains("localhost", "127.0.0.1", "cams.example.org", "10.9.8.7",
                java.net.InetAddress.getLocalHost().getHostName());
        assertThat(Files.getPosixFilePermissions(node.dataDir().resolve("tls/self-signed.p12")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(node.dataDir().resolve("tls")))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(cert.getNotAfter().toInstant()).isAfter(java.time.Instant.now().plus(Duration.ofDays(3000)));
    }

    @Test
    void httpsServesTheApiWithTheCertificateForEveryName() throws Exception {
        for (String host : List.of("127.0.0.1", "localhost")) {
            HttpResponse<String> r = get(trusting, "https://" + host + ":" + server.httpsPort() + "/api/v1/health");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("ok");
            assertThat(r.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(cert);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as("HTTPS answers carry it too")
                    .hasValueSatisfying(csp -> assertThat(csp).contains("frame-ancestors 'none'"));
        }
        assertThat(ArgusClient.local(server.httpPort()).get("/api/v1/health").status())
                .as("plain HTTP still serves by default").isEqualTo(200);
    }

    @Test
    void bothTls12And13AreAcceptedByDefault() throws Exception {
        assertThat(handshake(server.httpsPort(), "TLSv1.3")).isEqualTo("TLSv1.3");
        assertThat(handshake(server.httpsPort(), "TLSv1.2")).isEqualTo("TLSv1.2");
        assertThat(handshake(server.rtspsPort(), "TLSv1.2")).isEqualTo("TLSv1.2");
    }

    @Test
    void rtspsAnswersOptionsAndDescribeOverTlsToAnAuthenticatedReader() throws Exception {
        String basic = "Authorization: Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8)) + "\r\n";
        try (SSLSocket s = (SSLSocket) trusting.getSocketFactory().createSocket("127.0.0.1", server.rtspsPort())) {
            s.setSoTimeout(5000);
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            String url = "rtsps://127.0.0.1:" + server.rtspsPort() + "/tls-cam";
            out.write(("OPTIONS " + url + " RTSP/1.0\r\nCSeq: 1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("RTSP/1.0 200 OK");
            skipHeaders(in);
            out.write(("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).as("readers authenticate over RTSPS too").isEqualTo("RTSP/1.0 401 Unauthorized");
            skipBody(in, skipHeaders(in));
            out.write(("DESCRIBE " + url + " RTSP/1.0\r\nCSeq: 3\r\nAccept: application/sdp\r\n" + basic + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).isEqualTo("RTSP/1.0 200 OK");
            int length = skipHeaders(in);
            char[] sdp = new char[length];
            for (int n = 0; n < length; ) {
                n += in.read(sdp, n, length - n);
            }
            assertThat(new String(sdp)).contains("m=video").contains("H264");
            out.write(("SETUP " + url + "/trackID=0 RTSP/1.0\r\nCSeq: 4\r\nTransport: RTP/AVP;unicast;"
                    + "client_port=5000-5001\r\n" + basic + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(in.readLine()).as("UDP is refused over RTSPS: it would send the video in clear")
                    .isEqualTo("RTSP/1.0 461 Unsupported Transport");
        }
        ArgusClient api = ArgusClient.local(server.httpPort()).login("admin", PASSWORD);
        Await.until(Duration.ofSeconds(10), () -> api.get("/api/v1/audit?action=live.view&camera=" + camera).json()
                .path("entries").toString().contains("\"rtsp\""), () -> "the RTSPS view in the audit log");
        JsonNode view = api.get("/api/v1/audit?action=live.view&camera=" + camera).json().path("entries").get(0);
        assertThat(view.path("userName").asText()).isEqualTo("admin");
        assertThat(view.path("userId").isNull()).isFalse();
    }

    private static void skipBody(BufferedReader in, int length) throws Exception {
        for (int n = 0; n < length; n++) {
            in.read();
        }
    }

    private static int skipHeaders(BufferedReader in) throws Exception {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return length;
    }

    @Test
    void ffprobeReadsTheStreamOverRtsps() throws Exception {
        Ffprobe.assumeInstalled();
        Ffprobe.Output probe = Ffprobe.run(List.of(Ffprobe.FFPROBE.toString(), "-v", "error", "-show_entries",
                "stream=codec_name", "-of", "default=nw=1", "rtsps://admin:" + PASSWORD + "@127.0.0.1:"
                        + server.rtspsPort() + "/tls-cam"));
        String output = probe.stdout() + probe.stderr();
        assumeTrue(!output.contains("Protocol not found"), "this ffprobe has no TLS: " + output);
        assertThat(probe.exit()).as(output).isZero();
        assertThat(output).contains("codec_name=h264");
    }

    @Test
    void tls13OnlyRefusesTls12AndPlainHttpCanBeOff(@TempDir Path other) throws Exception {
        try (ArgusServer s = ArgusServer.start(config(other, Map.of("tls.enabled", "true", "tls.minVersion", "1.3",
                "http.plain", "off")))) {
            X509Certificate c = loadSelfSigned(other);
            SSLContext ctx = trusting(c);
            assertThat(get(ctx, "https://127.0.0.1:" + s.httpsPort() + "/api/v1/health").statusCode()).isEqualTo(200);
            for (int port : new int[] {s.httpsPort(), s.rtspsPort()}) {
                try (SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
                    sock.setSoTimeout(5000);
                    sock.setEnabledProtocols(new String[] {"TLSv1.2"});
                    assertThatThrownBy(sock::startHandshake).isInstanceOf(SSLHandshakeException.class);
                }
                try (SSLSocket sock = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
                    sock.setEnabledProtocols(new String[] {"TLSv1.3"});
                    sock.startHandshake();
                    assertThat(sock.getSession().getProtocol()).isEqualTo("TLSv1.3");
                }
            }
            assertThat(s.httpPort()).isEqualTo(-1);
        }
    }

    @Test
    void pemFilesAreServedAndPlainHttpRedirects(@TempDir Path other) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(node.dataDir().resolve("tls/self-signed.p12"))) {
            ks.load(in, SelfSignedCertificate.PASSWORD);
        }
        PrivateKey key = (PrivateKey) ks.getKey(SelfSignedCertificate.ALIAS, SelfSignedCertificate.PASSWORD);
        Files.writeString(other.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(other.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        try (ArgusServer s = ArgusServer.start(config(other, Map.of("tls.enabled", "true",
                "tls.certFile", "cert.pem", "tls.keyFile", "key.pem", "http.plain", "redirect")))) {
            HttpResponse<String> r = get(trusting, "https://localhost:" + s.httpsPort() + "/api/v1/health");
            assertThat(r.sslSession().orElseThrow().getPeerCertificates()[0]).isEqualTo(cert);
            assertThat(Files.exists(other.resolve("tls/self-signed.p12"))).isFalse();
            HttpResponse<String> plain = get(trusting, "http://127.0.0.1:" + s.httpPort() + "/api/v1/cameras?x=1");
            assertThat(plain.statusCode()).isEqualTo(308);
            assertThat(plain.headers().firstValue("Location")).hasValue("https://127.0.0.1:" + s.httpsPort()
                    + "/api/v1/cameras?x=1");
        }
    }

    @Test
    void aRestartKeepsTheSelfSignedCertificate(@TempDir Path other) throws Exception {
        byte[] first;
        try (ArgusServer s = ArgusServer.start(config(other, Map.of("tls.enabled", "true")))) {
            first = MessageDigest.getInstance("SHA-256").digest(loadSelfSigned(other).getEncoded());
        }
        try (ArgusServer s = ArgusServer.start(config(other, Map.of("tls.enabled", "true")))) {
            X509Certificate again = loadSelfSigned(other);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(again.getEncoded())))
                    .isEqualTo(HexFormat.of().formatHex(first));
            HttpResponse<String> r = get(trusting(again), "https://127.0.0.1:" + s.httpsPort() + "/api/v1/health");
            assertThat(r.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void badTlsSettingsStopStartUpWithAMessage(@TempDir Path other) throws Exception {
        assertThatThrownBy(() -> config(other, Map.of("http.plain", "off"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("tls.enabled");
        assertThatThrownBy(() -> config(other, Map.of("tls.minVersion", "1.1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.minVersion");
        assertThatThrownBy(() -> config(other, Map.of("tls.certFile", "a.pem")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls.keyFile");
        Files.writeString(other.resolve("cert.pem"), "not a certificate");
        Files.writeString(other.resolve("key.pem"), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ArgusServer.start(config(other, Map.of("tls.enabled", "true",
                "tls.certFile", "cert.pem", "tls.keyFile", "key.pem")))).hasMessageContaining("cannot start tls")
                .hasMessageContaining("CERTIFICATE");
    }

    @Test
    void pkcs1RsaKeysAreWrappedAsTheJdkEncodesThem() throws Exception {
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        byte[] pkcs8 = g.generateKeyPair().getPrivate().getEncoded();
        byte[] pkcs1 = java.util.Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        assertThat(PemFiles.rsaToPkcs8(pkcs1)).isEqualTo(pkcs8);
    }

    static X509Certificate loadSelfSigned(Path dataDir) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dataDir.resolve("tls/self-signed.p12"))) {
            ks.load(in, SelfSignedCertificate.PASSWORD);
        }
        return (X509Certificate) ks.getCertificate(SelfSignedCertificate.ALIAS);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
