package io.argus.server.config;

import io.argus.media.reencode.ChunkReencoding;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Object-storage targets, the tier mover's schedule and the prices of the cost report.
 *
 * @param targets       the object-storage targets, by the names tier policies use
 * @param moverInterval how often the tier mover runs
 * @param prices        price per tier ({@code hot}, {@code warm}, {@code cold})
 * @param reencode      how tier conversions run on this node (the policies say which stages convert and to what)
 */
public record StorageConfig(List<Target> targets, Duration moverInterval, Map<String, Price> prices,
                            Reencode reencode) {
    /** The shortest mover interval: each pass lists due chunks in the index. */
    static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

    public StorageConfig {
        targets = List.copyOf(targets);
        prices = Map.copyOf(prices);
        Set<String> names = new HashSet<>();
        for (Target t : targets) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("storage.s3.targets: target " + t.name() + " is named twice");
            }
        }
        if (moverInterval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("storage.mover.interval: at least 1s");
        }
    }

    /**
     * One object-storage target, as configured (checked in full when the store opens).
     *
     * @param partSize bytes per part of a multipart upload (chunks above it go up in parts)
     */
    public record Target(String name, URI endpoint, String region, String bucket, String prefix, boolean pathStyle,
                         String accessKey, String secretKey, int partSize) {
        public Target {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String toString() {
            return "Target[" + name + " " + endpoint + " " + region + " " + bucket + "/" + prefix + "]";
        }
    }

    /** Prices of one tier, in any currency (the report does not name one). */
    public record Price(double perGbMonth, double per1000Requests) {
    }

    /** A node whose tier conversions run with the defaults. */
    public StorageConfig(List<Target> targets, Duration moverInterval, Map<String, Price> prices) {
        this(targets, moverInterval, prices, Reencode.DEFAULT);
    }

    /**
     * How this node's tier conversions run.
     *
     * @param preset  libx265's preset: slower spends CPU for fewer bytes
     * @param threads libx265's threads per conversion (one conversion at a time: the mover is one thread)
     */
    public record Reencode(String preset, int threads) {
        public static final Reencode DEFAULT = new Reencode("medium", 2);
    }

    /** The default part size of multipart uploads: 16 MiB. */
    static final int DEFAULT_PART_SIZE = 16 << 20;

    /**
     * Parses {@code storage.s3.targets}: targets separated by {@code ;}, each {@code name:key=value,key=value…}
     * with keys {@code endpoint}, {@code region}, {@code bucket}, {@code prefix}, {@code pathStyle},
     * {@code accessKey}, {@code secretKey}, {@code partSize}. Empty: no targets.
     */
    static List<Target> targets(String text) {
        List<Target> out = new ArrayList<>();
        for (String spec : text.split(";")) {
            if (spec.isBlank()) {
                continue;
            }
            int colon = spec.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("each target is name:key=value,… (got no name)");
            }
            String name = spec.substring(0, colon).trim();
            java.util.Map<String, String> kv = new java.util.HashMap<>();
            for (String pair : spec.substring(colon + 1).split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("target " + name + ": '" + pair.trim() + "' is not key=value");
                }
                String k = pair.substring(0, eq).trim();
                if (!Set.of("endpoint", "region", "bucket", "prefix", "pathStyle", "accessKey", "secretKey",
                        "partSize").contains(k)) {
                    throw new IllegalArgumentException("target " + name + ": unknown key " + k);
                }
                kv.put(k, pair.substring(eq + 1).trim());
            }
            if (kv.get("region") == null || kv.get("bucket") == null) {
                throw new IllegalArgumentException("target " + name + ": region and bucket are required");
            }
            URI endpoint = kv.get("endpoint") == null ? null : URI.create(kv.get("endpoint"));
            int partSize = kv.get("partSize") == null ? DEFAULT_PART_SIZE
                    : (int) Math.min(Integer.MAX_VALUE, ByteSize.parse(kv.get("partSize")).bytes());
            out.add(new Target(name, endpoint, kv.get("region"), kv.get("bucket"), kv.getOrDefault("prefix", ""),
                    Boolean.parseBoolean(kv.getOrDefault("pathStyle", "false").toLowerCase(Locale.ROOT)),
                    kv.get("accessKey"), kv.get("secretKey"), partSize));
        }
        return out;
    }

    /** An x265 preset name. */
    static String reencodePreset(String text) {
        String p = text.trim();
        if (!ChunkReencoding.PRESETS.contains(p)) {
            throw new IllegalArgumentException("must be an x265 preset (" + String.join(", ",
                    new java.util.TreeSet<>(ChunkReencoding.PRESETS)) + "): " + text);
        }
        return p;
    }

    /** 1..{@value ChunkReencoding#MAX_THREADS} threads. */
    static int reencodeThreads(String text) {
        try {
            int n = Integer.parseInt(text.trim());
            if (n < 1 || n > ChunkReencoding.MAX_THREADS) {
                throw new IllegalArgumentException("must be 1.." + ChunkReencoding.MAX_THREADS + ": " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number of threads: " + text);
        }
    }

    /** A non-negative price. */
    static double price(String text) {
        try {
            double d = Double.parseDouble(text.trim());
            if (!(d >= 0) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("must be a price of 0 or more: " + text);
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number such as 0.0125: " + text);
        }
    }
}
