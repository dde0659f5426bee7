package io.argus.media.srt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SrtStreamIdTest {
    @Test
    void accessControlSyntaxWithUserAndPassword() {
        SrtStreamId id = SrtStreamId.parse("#!::r=door/front,m=publish,u=admin,s=se=cret");
        assertThat(id).isEqualTo(new SrtStreamId("door/front", "publish", "admin", "se=cret"));
        assertThat(id.publishes()).isTrue();
        assertThat(id.hasCredentials()).isTrue();
        assertThat(id.toString()).doesNotContain("se=cret");
    }

    @Test
    void aSecretAloneIsAnApiToken() {
        assertThat(SrtStreamId.parse("#!::s=tok123,m=publish,r=gate"))
                .isEqualTo(new SrtStreamId("gate", "publish", SrtStreamId.TOKEN_USER, "tok123"));
    }

    @Test
    void theModeDefaultsToRequestAndAPlainStreamIdIsTheResource() {
        assertThat(SrtStreamId.parse("#!::r=cam").publishes()).isFalse();
        assertThat(SrtStreamId.parse("cam1")).isEqualTo(new SrtStreamId("cam1", "request", null, null));
        assertThat(SrtStreamId.parse(null).resource()).isEmpty();
    }

    @Test
    void malformedKeysAreRefused() {
        assertThat(SrtStreamId.parse("#!::r=cam,publish")).isNull();
        assertThat(SrtStreamId.parse("#!::r=a,r=b")).isNull();
        assertThat(SrtStreamId.parse("#!::=x")).isNull();
    }
}
