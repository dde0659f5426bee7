package io.argus.onvif.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.argus.onvif.Fixtures;
import io.argus.onvif.xml.SafeXml;
import io.argus.testkit.tier.E2e;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a person reads when a "device" answers badly: an HTML error page, malformed or truncated XML, an entity
 * bomb, a fault, silence past the timeout, or nothing listening at all.
 */
@E2e
class SoapTransportErrorsTest {
    private static final String ACTION = "http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation";
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        answer("/html", 404, "<!DOCTYPE html><html><body><h1>404 Not Found</h1></body></html>");
        answer("/garbage", 200, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><oops");
        answer("/bomb", 200, "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + "<x>&b;</x>");
        answer("/fault", 400, new String(Fixtures.bytes("spec-Fault-NotAuthorized.xml"), StandardCharsets.UTF_8));
        server.createContext("/slow", ex -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void answer(String path, int status, String body) {
        server.createContext(path, ex -> {
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
    }

    private SoapTransport transport() {
        return transport(Duration.ofSeconds(5));
    }

    private SoapTransport transport(Duration timeout) {
        return new SoapTransport(SoapTransport.defaultHttpClient(Duration.ofSeconds(2)), SafeXml.standard(),
                new Credentials("admin", "pw"), Clock.systemUTC(), timeout);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void htmlErrorPage() {
        assertThatThrownBy(() -> transport().call(at("/html"), ACTION, "<tds:GetDeviceInformation/>"))
                .isInstanceOf(OnvifException.class).hasMessageContaining("answered GetDeviceInformation with an HTML "
                        + "page (HTTP 404), not SOAP: is this an ONVIF service address?");
    }

    @Test
    void malformedAndHostileXml() {
        assertThatThrownBy(() -> transport().call(at("/garbage"), ACTION, "<tds:GetDeviceInformation/>"))
                .isInstanceOf(OnvifException.class).hasMessageContaining("with something that is not a SOAP message: "
                        + "malformed XML at line 1");
        assertThatThrownBy(() -> transport().call(at("/bomb"), ACTION, "<tds:GetDeviceInformation/>"))
                .isInstanceOf(OnvifException.class)
                .hasMessageContaining("a document type declaration (DTD) is not allowed");
    }

    @Test
    void faultInWords() {
        assertThatThrownBy(() -> transport().call(at("/fault"), ACTION, "<tds:GetDeviceInformation/>"))
                .isInstanceOf(OnvifException.class).hasMessage("GetDeviceInformation: the device refused the "
                        + "credentials (ter:NotAuthorized: Sender not Authorized)");
    }

    @Test
    void silenceAndNothingListening() throws Exception {
        assertThatThrownBy(() -> transport(Duration.ofMillis(500)).call(at("/slow"), ACTION, "<tds:GetDeviceInformation/>"))
                .isInstanceOf(OnvifException.class).hasMessageEndingWith("did not answer GetDeviceInformation "
                        + "within 500 ms");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        URI nothing = URI.create("http://127.0.0.1:" + closed + "/onvif/device_service");
        assertThatThrownBy(() -> transport().call(nothing, ACTION, "<tds:GetDeviceInformation/>"))
                .isInstanceOf(OnvifException.class).hasMessage("nothing answers at 127.0.0.1:" + closed
                        + " (connection refused or no route)");
    }
}
