package io.argus.onvif.client;

import io.argus.onvif.xml.XmlElement;
import java.util.Locale;

/**
 * Pan, tilt and zoom in ONVIF's generic spaces (ONVIF PTZ §5.7): positions pan/tilt in [-1, 1] and zoom in [0, 1];
 * velocities and translations in [-1, 1].
 */
public record PtzVector(double pan, double tilt, double zoom) {
    public static final PtzVector ZERO = new PtzVector(0, 0, 0);

    /** {@code <name><tt:PanTilt x= y=/><tt:Zoom x=/></name>} as PTZ requests carry it. */
    public String xml(String element) {
        return "<" + element + "><tt:PanTilt x=\"" + num(pan) + "\" y=\"" + num(tilt) + "\"/><tt:Zoom x=\""
                + num(zoom) + "\"/></" + element + ">";
    }

    /** Reads {@code PanTilt x y} and {@code Zoom x} below {@code parent} (absent axes are 0). */
    public static PtzVector parse(XmlElement parent) {
        return new PtzVector(number(parent, "PanTilt", "x"), number(parent, "PanTilt", "y"),
                number(parent, "Zoom", "x"));
    }

    private static double number(XmlElement parent, String child, String attr) {
        try {
            return parent.child(child).flatMap(c -> c.attr(attr)).map(Double::parseDouble).orElse(0.0);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
