package io.argus.webrtc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a WHIP answer makes of a publisher's offer: Chromium's (audio and video, several H.264 profiles), and OBS's. */
class WhipAnswerTest {
    /** Chromium 14x's offer for a fake camera and microphone in send-only transceivers (trimmed to what matters). */
    static final String CHROMIUM = String.join("\r\n", "v=0", "o=- 1 2 IN IP4 127.0.0.1", "s=-", "t=0 0",
            "a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9", "c=IN IP4 0.0.0.0",
            "a=ice-ufrag:abcd", "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB",
            "a=setup:actpass", "a=mid:0", "a=sendonly", "a=rtcp-mux", "a=rtpmap:111 opus/48000/2",
            "a=fmtp:111 minptime=10;useinbandfec=1", "a=rtpmap:63 red/48000/2", "a=rtpmap:9 G722/8000",
            "m=video 9 UDP/TLS/RTP/SAVPF 96 97 103 104 107 108", "c=IN IP4 0.0.0.0", "a=ice-ufrag:abcd",
            "a=ice-pwd:abcdefghijklmnopqrstuvwx", "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB",
            "a=setup:actpass", "a=mid:1", "a=sendonly", "a=rtcp-mux", "a=rtpmap:96 VP8/90000",
            "a=rtpmap:97 rtx/90000", "a=fmtp:97 apt=96", "a=rtpmap:103 H264/90000",
            "a=fmtp:103 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f",
            "a=rtpmap:104 H264/90000",
            "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f",
            "a=rtpmap:107 H264/90000",
            "a=fmtp:107 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f",
            "a=rtpmap:108 H264/90000",
            "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f", "");
    static final List<InetSocketAddress> CANDIDATES =
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 8189));

    @Test
    void chromiumsOfferGetsConstrainedBaselineH264AndOpusReceived() {
        WhepOffer offer = WhepOffer.parse(CHROMIUM);
        WhipAnswer.Choice choice = WhipAnswer.choose(offer);
        assertThat(choice.videoPayloadType()).as("packetization-mode=1, constrained baseline").isEqualTo(108);
        assertThat(choice.audioPayloadType()).isEqualTo(111);
        String answer = WhipAnswer.write(offer, choice, "ufrag", "pwd", "CD:EF", CANDIDATES, 1);
        assertThat(answer).contains("a=ice-lite", "a=group:BUNDLE 0 1", "m=audio 9 UDP/TLS/RTP/SAVPF 111",
                "m=video 9 UDP/TLS/RTP/SAVPF 108", "a=rtpmap:108 H264/90000",
                "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f",
                "a=rtcp-fb:108 nack", "a=rtcp-fb:108 nack pli", "a=setup:passive", "a=recvonly",
                "a=candidate:1 1 UDP " , " 127.0.0.1 8189 typ host");
        assertThat(answer).doesNotContain("VP8", "sendonly", "a=ssrc");
    }

    /** OBS 30's WHIP output (libdatachannel): audio first, H.264 with one payload type, session-level credentials. */
    @Test
    void obsOfferIsAnswered() {
        String obs = String.join("\r\n", "v=0", "o=rtc 1 0 IN IP4 127.0.0.1", "s=-", "t=0 0",
                "a=group:BUNDLE 0 1", "a=ice-ufrag:obs1", "a=ice-pwd:obspasswordobspassword12",
                "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB", "a=setup:actpass",
                "m=audio 9 UDP/TLS/RTP/SAVPF 111", "c=IN IP4 0.0.0.0", "a=mid:0", "a=sendonly", "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2", "m=video 9 UDP/TLS/RTP/SAVPF 96", "c=IN IP4 0.0.0.0", "a=mid:1",
                "a=sendonly", "a=rtcp-mux", "a=rtpmap:96 H264/90000",
                "a=fmtp:96 profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1", "");
        WhipAnswer.Choice choice = WhipAnswer.choose(WhepOffer.parse(obs));
        assertThat(choice.videoPayloadType()).isEqualTo(96);
        assertThat(choice.audioSection()).isZero();
    }

    @Test
    void anOfferWithoutH264IsRefusedSayingWhy() {
        String vp8Only = CHROMIUM.replaceAll("H264/90000", "VP9/90000");
        assertThatThrownBy(() -> WhipAnswer.choose(WhepOffer.parse(vp8Only))).isInstanceOf(WhepException.class)
                .hasMessageContaining("H.264");
        String receiveOnly = CHROMIUM.replace("a=sendonly", "a=recvonly");
        assertThatThrownBy(() -> WhipAnswer.choose(WhepOffer.parse(receiveOnly))).isInstanceOf(WhepException.class);
    }
}
