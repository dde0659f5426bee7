package io.argus.onvif.client;

import io.argus.onvif.xml.XmlElement;
import java.util.List;
import java.util.Optional;

/**
 * A media profile with what a camera made from it needs: its video encoding, size and frame rate, and whether it
 * carries a PTZ configuration. Read from Media GetProfiles (ONVIF Media §5.2.1: {@code VideoEncoderConfiguration},
 * {@code PTZConfiguration}) or Media2 GetProfiles (Media2 §5.2.1: {@code Configurations/VideoEncoder},
 * {@code Configurations/PTZ}); both shapes share the element names below them.
 *
 * @param fps the encoder's frame rate limit, or 0 when the profile does not say
 */
public record MediaProfile(String token, String name, String encoding, int width, int height, int fps, boolean ptz) {

    public static List<MediaProfile> parse(XmlElement response) {
        return response.children("Profiles").stream().map(MediaProfile::parseOne).toList();
    }

    static MediaProfile parseOne(XmlElement p) {
        String token = p.attr("token").orElse("");
        Optional<XmlElement> configs = p.child("Configurations");
        Optional<XmlElement> enc = configs.isPresent() ? configs.get().child("VideoEncoder")
                : p.child("VideoEncoderConfiguration");
        boolean ptz = configs.isPresent() ? configs.get().child("PTZ").isPresent()
                : p.child("PTZConfiguration").isPresent();
        String encoding = enc.map(e -> e.textAt("Encoding")).orElse("");
        int w = enc.map(e -> integer(e.textAt("Resolution", "Width"))).orElse(0);
        int h = enc.map(e -> integer(e.textAt("Resolution", "Height"))).orElse(0);
        int fps = enc.map(e -> integer(e.textAt("RateControl", "FrameRateLimit"))).orElse(0);
        return new MediaProfile(token, p.optText("Name").filter(n -> !n.isEmpty()).orElse(token), encoding.toUpperCase(java.util.Locale.ROOT), w, h,
                fps, ptz);
    }

    /** Parses a decimal that devices sometimes write as {@code 25.0}; 0 when absent or garbled. */
    private static int integer(String s) {
        try {
            return s.isBlank() ? 0 : (int) Math.round(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
