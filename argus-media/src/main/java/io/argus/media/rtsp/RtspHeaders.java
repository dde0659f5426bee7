package io.argus.media.rtsp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * RTSP headers: names compared case-insensitively (RFC 2326 §4.2), order and repeats kept (a camera may send
 * two WWW-Authenticate headers, Digest and Basic). Not thread-safe; a message is built and read on one thread.
 */
public final class RtspHeaders {
    private final List<String> names = new ArrayList<>(8);
    private final List<String> values = new ArrayList<>(8);

    /** Appends a header, keeping existing ones of the same name. */
    public RtspHeaders add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** Replaces every header of this name with one. */
    public RtspHeaders set(String name, String value) {
        remove(name);
        return add(name, value);
    }

    public void remove(String name) {
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
    }

    /** The first value of {@code name}, or null. */
    public String get(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return values.get(i);
            }
        }
        return null;
    }

    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                all.add(values.get(i));
            }
        }
        return all;
    }

    public boolean contains(String name) {
        return get(name) != null;
    }

    public int size() {
        return names.size();
    }

    public void forEach(BiConsumer<String, String> action) {
        for (int i = 0; i < names.size(); i++) {
            action.accept(names.get(i), values.get(i));
        }
    }

    /** The CSeq header as a number, or -1 when absent or not a number. */
    public int cseq() {
        String v = get("CSeq");
        try {
            return v == null ? -1 : Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        forEach((n, v) -> sb.append(n).append(": ")
                .append(n.equalsIgnoreCase("Authorization") ? "<redacted>" : v).append("; "));
        return sb.toString();
    }
}
