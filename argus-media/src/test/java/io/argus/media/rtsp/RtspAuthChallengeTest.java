package io.argus.media.rtsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RtspAuthChallengeTest {
    @Test
    void basicCredentialsKeepTheirBase64PaddingAsOneToken() {
        for (String userPass : new String[] {"admin:e2e-secret", "a:b", "admin:matrix-admin-pw"}) {
            String b64 = Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
            RtspAuthChallenge c = RtspAuthChallenge.parse("Basic " + b64);
            assertThat(c.isBasic()).isTrue();
            assertThat(c.param("token")).as(userPass).isEqualTo(b64);
        }
    }

    @Test
    void challengesStillParseTheirParameters() {
        RtspAuthChallenge d = RtspAuthChallenge.parse("Digest realm=\"Argus\", nonce=\"abc\"");
        assertThat(d.isDigest()).isTrue();
        assertThat(d.param("realm")).isEqualTo("Argus");
        assertThat(d.param("nonce")).isEqualTo("abc");
        assertThat(RtspAuthChallenge.parse("Basic realm=Argus").param("realm")).isEqualTo("Argus");
    }
}
