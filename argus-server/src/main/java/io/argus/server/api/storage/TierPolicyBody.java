package io.argus.server.api.storage;

import io.argus.storage.tier.TierPolicy;
import io.argus.storage.tier.TierStage;

/**
 * A tier policy in requests and answers. {@code warm} and {@code cold} are optional stages; the warm stage's
 * {@code days} is how long chunks stay warm.
 */
public record TierPolicyBody(String id, String name, String region, Integer hotDays, Stage warm, Stage cold,
                             Integer deleteAfterDays) {
    /** A stage: the target, its storage class, and (warm only) its days. */
    public record Stage(String target, String storageClass, Integer days) {
    }

    static TierPolicyBody of(TierPolicy p) {
        return new TierPolicyBody(p.id().toString(), p.name(), p.region(), p.hotDays(),
                p.warm() == null ? null : new Stage(p.warm().target(), p.warm().storageClass(), p.warmDays()),
                p.cold() == null ? null : new Stage(p.cold().target(), p.cold().storageClass(), null),
                p.deleteAfterDays());
    }

    TierPolicy toPolicy(java.util.UUID id, java.util.UUID tenant) {
        TierStage w = warm == null ? null : new TierStage(require(warm.target, "warm.target"), warm.storageClass);
        TierStage c = cold == null ? null : new TierStage(require(cold.target, "cold.target"), cold.storageClass);
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
