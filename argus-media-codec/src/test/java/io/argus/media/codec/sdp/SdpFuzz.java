package io.argus.media.codec.sdp;

/** Parses and maps input that may be garbage; only {@link SdpException} is allowed out. */
final class SdpFuzz {
    private SdpFuzz() {
    }

    static void parseQuietly(String text) {
        try {
            SdpParser.parse(text).tracks();
        } catch (SdpException expected) {
            // a typed refusal is the correct outcome for garbage
        }
    }
}
