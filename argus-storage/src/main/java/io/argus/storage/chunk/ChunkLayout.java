package io.argus.storage.chunk;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Where a chunk lives in a local volume, and the location string that names it:
 *
 * <pre>
 *   location  = &lt;volume&gt;/&lt;tenant&gt;/&lt;camera&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;start-epoch-millis&gt;.mp4
 *   file      = &lt;volume dir&gt;/&lt;tenant&gt;/&lt;camera&gt;/&lt;yyyy&gt;/&lt;mm&gt;/&lt;dd&gt;/&lt;start-epoch-millis&gt;.mp4
 *   writing   = the same file name + ".part"
 * </pre>
 *
 * Tenant and camera are UUIDs in canonical lower-case form, the date is the UTC date of the start, and the start
 * is the wall time of the chunk's first sample in milliseconds since the epoch. One day's directory per camera
 * keeps directories small (1,440 one-minute chunks) and lets an operator find and copy a day by hand; the file
 * name alone gives the chunk's key, so recovery and orphan scans need no index.
 */
public final class ChunkLayout {
    static final String SUFFIX = ".mp4";
    static final String PART_SUFFIX = ".mp4.part";

    private ChunkLayout() {
    }

    /** The path of a chunk below its volume directory, with '/' separators. */
    public static String relativePath(ChunkKey key) {
        LocalDate day = LocalDate.ofInstant(key.start(), ZoneOffset.UTC);
        return key.tenant() + "/" + key.camera() + "/" + String.format("%04d/%02d/%02d/", day.getYear(),
                day.getMonthValue(), day.getDayOfMonth()) + key.start().toEpochMilli() + SUFFIX;
    }

    static String location(String volume, ChunkKey key) {
        return volume + "/" + relativePath(key);
    }

    /** The volume segment of a location. */
    static String volume(String location) {
        int slash = location.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not a local chunk location: " + location);
        }
        return location.substring(0, slash);
    }

    /**
     * Parses a location strictly (the same key always has one spelling, and nothing like {@code ..} gets through).
     *
     * @throws IllegalArgumentException if it is not one this layout writes
     */
    public static ChunkKey parse(String location) {
        String[] s = location.split("/", -1);
        if (s.length != 7 || !s[6].endsWith(SUFFIX)) {
            throw new IllegalArgumentException("not a local chunk location: " + location);
        }
        try {
            UUID tenant = canonicalUuid(s[1]);
            UUID camera = canonicalUuid(s[2]);
            String millis = s[6].substring(0, s[6].length() - SUFFIX.length());
            if (millis.isEmpty() || millis.length() > 15 || !millis.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (millis.length() > 1 && millis.charAt(0) == '0')) {
                throw new IllegalArgumentException("bad start time");
            }
            ChunkKey key = new ChunkKey(tenant, camera, Instant.ofEpochMilli(Long.parseLong(millis)));
            if (!location.equals(s[0] + "/" + relativePath(key))) {
                throw new IllegalArgumentException("date directories do not match the start time");
            }
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a local chunk location: " + location + " (" + e.getMessage()
                    + ")", e);
        }
    }

    private static UUID canonicalUuid(String s) {
        UUID u = UUID.fromString(s);
        if (!u.toString().equals(s)) {
            throw new IllegalArgumentException("not a canonical UUID: " + s);
        }
        return u;
    }
}
