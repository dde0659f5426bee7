package io.argus.onvif.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpDigestTest {
    @Test
    void rfc2617WorkedExampleVerifies() {
        // RFC 2617 §3.5: Mufasa / "Circle Of Life" → response 6629fae49393a05397450978507c4ef1.
        String auth = "Digest username=\"Mufasa\", realm=\"testrealm@host.com\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001, "
                + "cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\", "
                + "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";
        assertThat(HttpDigest.verify(auth, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "testrealm@host.com", "Mufasa",
                "Circle Of Life", "GET")).isTrue();
        assertThat(HttpDigest.verify(auth, "dcd98b7102dd2f0e8b11d0f600bfb0c093", "testrealm@host.com", "Mufasa",
                "wrong", "GET")).isFalse();
    }

    @Test
    void ourAnswerToAChallengeVerifies() {
        Map<String, String> ch = HttpDigest.parseChallenge(
                "Digest realm=\"IP Camera(C1234)\", qop=\"auth,auth-int\", nonce=\"4e6a63\", stale=\"FALSE\"").orElseThrow();
        assertThat(ch).containsEntry("realm", "IP Camera(C1234)").containsEntry("nonce", "4e6a63");
        String auth = HttpDigest.authorization(ch, "admin", "pw", "POST", "/onvif/device_service");
        assertThat(HttpDigest.verify(auth, "4e6a63", "IP Camera(C1234)", "admin", "pw", "POST")).isTrue();
        assertThat(HttpDigest.parseChallenge("Basic realm=\"x\"")).isEmpty();
    }
}
