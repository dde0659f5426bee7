package io.argus.onvif.client;

import io.argus.onvif.security.ClockOffset;
import io.argus.onvif.security.HttpDigest;
import io.argus.onvif.security.UsernameToken;
import io.argus.onvif.soap.Soap;
import io.argus.onvif.soap.SoapFault;
import io.argus.onvif.xml.SafeXml;
import io.argus.onvif.xml.XmlException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Sends one SOAP request and reads its answer: WS-Security UsernameToken in every request with credentials (its
 * Created time on the device's clock), and when the device answers 401 with a digest challenge, the same request again
 * with HTTP digest (ONVIF Core §5.12.1); once a device asked for digest, every later request answers its last
 * challenge first. Failures become {@link OnvifException}s that say what happened.
 */
public final class SoapTransport {
    private final HttpClient http;
    private final SafeXml xml;
    private final Credentials credentials;
    private final Clock clock;
    private final Duration timeout;
    private volatile ClockOffset offset = ClockOffset.NONE;
    private volatile Map<String, String> digestChallenge;

    public SoapTransport(HttpClient http, SafeXml xml, Credentials credentials, Clock clock, Duration timeout) {
        this.http = http;
        this.xml = xml;
        this.credentials = credentials;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** A shared JDK client: HTTP/1.1 (cameras' web servers rarely speak 2), short connect timeout. */
    public static HttpClient defaultHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public void offset(ClockOffset offset) {
        this.offset = offset;
    }

    public ClockOffset offset() {
        return offset;
    }

    public Clock clock() {
        return clock;
    }

    /** Sends {@code body} with WS-Security (when there are credentials) and returns the answer's payload. */
    public Soap.Message call(URI url, String action, String body) {
        return call(url, action, "", body, timeout, true);
    }

    /** Sends without credentials (GetSystemDateAndTime, which ONVIF Core §5.9.4 lets anyone read). */
    public Soap.Message callAnonymous(URI url, String action, String body) {
        return call(url, action, "", body, timeout, false);
    }

    /** With extra header elements (WS-Addressing for events) and its own timeout (a long poll). */
    public Soap.Message call(URI url, String action, String extraHeader, String body, Duration wait, boolean auth) {
        String op = action.substring(action.lastIndexOf('/') + 1);
        HttpResponse<byte[]> rsp = send(url, action, extraHeader, body, wait, auth, op);
        if (rsp.statusCode() == 401 && auth && credentials.present()) {
            Optional<Map<String, String>> challenge = rsp.headers().allValues("WWW-Authenticate").stream()
                    .map(HttpDigest::parseChallenge).flatMap(Optional::stream).findFirst();
            if (challenge.isPresent()) {
                digestChallenge = challenge.get();
                rsp = send(url, action, extraHeader, body, wait, auth, op);
            }
        }
        return read(url, op, rsp);
    }

    private HttpResponse<byte[]> send(URI url, String action, String extraHeader, String body, Duration wait,
                                      boolean auth, String op) {
        String header = extraHeader;
        if (auth && credentials.present()) {
            header = UsernameToken.header(credentials.username(), credentials.password(), offset.deviceNow(clock))
                    + header;
        }
        HttpRequest.Builder req = HttpRequest.newBuilder(url).timeout(wait)
                .header("Content-Type", Soap.CONTENT_TYPE + "; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofString(Soap.envelope(header, body), StandardCharsets.UTF_8));
        Map<String, String> challenge = digestChallenge;
        if (auth && challenge != null && credentials.present()) {
            String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
            req.header("Authorization", HttpDigest.authorization(challenge, credentials.username(),
                    credentials.password(), "POST", path.isEmpty() ? "/" : path));
        }
        try {
            return http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new OnvifException(OnvifException.Kind.UNREACHABLE, "could not connect to " + hostOf(url)
                    + " in time (" + op + ")", e);
        } catch (HttpTimeoutException e) {
            throw new OnvifException(OnvifException.Kind.TIMEOUT, "the device at " + hostOf(url)
                    + " did not answer " + op + " within " + wait.toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new OnvifException(OnvifException.Kind.UNREACHABLE, "nothing answers at " + hostOf(url)
                    + " (connection refused or no route)", e);
        } catch (IOException e) {
            throw new OnvifException(OnvifException.Kind.UNREACHABLE, "the connection to " + hostOf(url)
                    + " failed during " + op + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OnvifException(OnvifException.Kind.TIMEOUT, op + " was interrupted", e);
        }
    }

    private Soap.Message read(URI url, String op, HttpResponse<byte[]> rsp) {
        byte[] bytes = rsp.body();
        String head = new String(bytes, 0, Math.min(bytes.length, 256), StandardCharsets.UTF_8).strip()
                .toLowerCase(Locale.ROOT);
        if (head.startsWith("<!doctype html") || head.startsWith("<html")) {
            throw new OnvifException(rsp.statusCode() == 401 ? OnvifException.Kind.NOT_AUTHORIZED
                    : OnvifException.Kind.BAD_RESPONSE, "the device at " + hostOf(url) + " answered " + op
                    + " with an HTML page (HTTP " + rsp.statusCode() + "), not SOAP: is this an ONVIF service address?");
        }
        if (rsp.statusCode() == 401 && !looksLikeXml(head)) {
            throw new OnvifException(OnvifException.Kind.NOT_AUTHORIZED, "the device at " + hostOf(url)
                    + " refused the credentials (HTTP 401 to " + op + ")");
        }
        try {
            return Soap.read(xml, bytes);
        } catch (SoapFault f) {
            throw new OnvifException(f.notAuthorized() ? OnvifException.Kind.NOT_AUTHORIZED
                    : OnvifException.Kind.FAULT, op + ": " + f.getMessage(), f);
        } catch (XmlException e) {
            throw new OnvifException(OnvifException.Kind.BAD_RESPONSE, "the device at " + hostOf(url)
                    + " answered " + op + " (HTTP " + rsp.statusCode() + ") with something that is not a SOAP "
                    + "message: " + e.getMessage(), e);
        }
    }

    private static boolean looksLikeXml(String head) {
        return head.startsWith("<");
    }

    private static String hostOf(URI url) {
        return url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }
}
