package io.argus.server.config;

import java.util.Locale;
import java.util.function.Function;

/**
 * One configuration key: its dotted name (as in the YAML file), what it means, its default and how its text
 * is parsed. The environment variable is derived from the name: {@code rtsp.rtpPort} is
 * {@code ARGUS_RTSP_RTP_PORT}.
 *
 * @param secret the value is never printed (logs, errors, {@code toString})
 */
public record ConfigKey<T>(String name, String doc, String defaultValue, Function<String, T> parser,
                           boolean secret) {

    /** The {@code ARGUS_*} environment variable that sets this key. */
    public String envName() {
        StringBuilder b = new StringBuilder("ARGUS_");
        for (char c : name.toCharArray()) {
            if (c == '.') {
                b.append('_');
            } else if (Character.isUpperCase(c)) {
                b.append('_').append(c);
            } else {
                b.append(Character.toUpperCase(c));
            }
        }
        return b.toString().toUpperCase(Locale.ROOT);
    }

    T parse(String text) {
        return parser.apply(text);
    }
}
