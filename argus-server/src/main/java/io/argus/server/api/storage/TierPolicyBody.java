package io.argus.server.api.storage;

import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierReencode;
import io.argus.storage.tier.TierStage;

/**
 * A tier policy in requests and answers. {@code warm} and {@code cold} are optional stages; the warm stage's
 * {@code days} is how long chunks stay warm.
 */
public record TierPolicyBody(String id, String name, String region, Integer hotDays, Stage warm, Stage cold,
                             Integer deleteAfterDays) {
    /**
     * A stage: the target, its storage class, (warm only) its days, and optionally the re-encode of chunks moving
     * into it.
     */
    public record Stage(String target, String storageClass, Integer days, Reencode reencode) {
        private static Stage of(TierStage s, Integer days) {
            TierReencode r = s.reencode();
            return new Stage(s.target(), s.storageClass(), days, r == null ? null
                    : new Reencode(r.codec(), r.crf() == 0 ? null : r.crf(), r.kbps() == 0 ? null : r.kbps()));
        }

        private TierStage toStage(String field) {
            return new TierStage(require(target, field + ".target"), storageClass, reencode == null ? null
                    : reencode.toReencode(field + ".reencode"));
        }
    }

    /**
     * Tier conversion: {@code codec} {@code h265} (the default), and either {@code crf} (10..51, lower is better
     * and larger) or {@code kbps} (a target bitrate).
     */
    public record Reencode(String codec, Integer crf, Integer kbps) {
        private TierReencode toReencode(String field) {
            try {
                return new TierReencode(codec, crf == null ? 0 : crf, kbps == null ? 0 : kbps);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(field + ": " + e.getMessage(), e);
            }
        }
    }

    static TierPolicyBody of(TierPolicy p) {
        return new TierPolicyBody(p.id().toString(), p.name(), p.region(), p.hotDays(),
                p.warm() == null ? null : Stage.of(p.warm(), p.warmDays()),
                p.cold() == null ? null : Stage.of(p.cold(), null), p.deleteAfterDays());
    }

    TierPolicy toPolicy(java.util.UUID id, java.util.UUID tenant) {
        TierStage w = warm == null ? null : warm.toStage("warm");
        TierStage c = cold == null ? null : cold.toStage("cold");
        return new TierPolicy(id, tenant, require(name, "name"), region, hotDays == null ? 7 : hotDays, w,
                warm == null || warm.days == null ? 0 : warm.days, c,
                deleteAfterDays == null ? 365 : deleteAfterDays);
    }

    private static String require(String v, String field) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return v;
    }
}
