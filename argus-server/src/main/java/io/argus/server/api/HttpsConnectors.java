package io.argus.server.api;

import io.argus.server.config.HttpConfig;
import io.argus.server.config.TlsConfig;
import io.argus.server.tls.TlsMaterial;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * HTTPS on its own port beside plain HTTP (which serves, redirects or is off, {@code http.plain}). Jetty's TLS is
 * configured here directly: the node's certificate and the allowed protocol versions, nothing from Jetty's
 * defaults but its cipher exclusions.
 *
 * <p>Javalin opens its own plain connector only when none is added, so both are added here, named, and their
 * bound ports read back by name.
 */
public final class HttpsConnectors {
    static final String PLAIN = "http";
    static final String SECURE = "https";

    private final TlsConfig tls;
    private final TlsMaterial material;
    private volatile Javalin app;

    public HttpsConnectors(TlsConfig tls, TlsMaterial material) {
        this.tls = tls;
        this.material = material;
    }

    void install(JavalinConfig cfg, HttpConfig http) {
        if (tls.plainHttp() != TlsConfig.PlainHttp.OFF) {
            cfg.jetty.addConnector((server, httpConfig) -> {
                ServerConnector c = new ServerConnector(server, new HttpConnectionFactory(httpConfig));
                c.setName(PLAIN);
                c.setHost(http.host());
                c.setPort(http.port());
                return c;
            });
        }
        cfg.jetty.addConnector((server, httpConfig) -> {
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setKeyStore(material.keyStore());
            ssl.setKeyStorePassword(new String(material.password()));
            ssl.setIncludeProtocols(material.protocols().toArray(String[]::new));
            HttpConfiguration secure = new HttpConfiguration(httpConfig);
            SecureRequestCustomizer customizer = new SecureRequestCustomizer();
            // Clients reach a node by addresses the certificate may not list (a self-signed one names only a few);
            // the Host header decides nothing here, so a mismatch is no reason to refuse.
            customizer.setSniHostCheck(false);
            secure.addCustomizer(customizer);
            ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(secure));
            c.setName(SECURE);
            c.setHost(http.host());
            c.setPort(tls.httpsPort());
            return c;
        });
    }

    void started(Javalin started) {
        this.app = started;
    }

    /** The bound port of the named connector, or -1 when it is not open. */
    int port(String name) {
        for (Connector c : app.jettyServer().server().getConnectors()) {
            if (name.equals(c.getName()) && c instanceof ServerConnector s) {
                return s.getLocalPort();
            }
        }
        return -1;
    }

    /** With {@code http.plain=redirect}: a plain request goes to the same URL on HTTPS (308 keeps the method). */
    void redirect(Context ctx) {
        if (tls.plainHttp() != TlsConfig.PlainHttp.REDIRECT || ctx.req().isSecure()) {
            return;
        }
        String query = ctx.queryString();
        String host = ctx.req().getServerName();
        ctx.header("Location", "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port(SECURE)
                + ctx.path() + (query == null ? "" : "?" + query));
        ctx.status(HttpStatus.PERMANENT_REDIRECT);
        ctx.skipRemainingHandlers();
    }
}
