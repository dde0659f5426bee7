package io.argus.storage.tier;

import io.argus.storage.chunk.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Storage used per camera and tier, and a projected monthly cost: bytes held now at each tier's price per
 * GB-month (GB = 10^9 bytes, as clouds bill), plus object-storage requests at each tier's price per 1,000,
 * projected to 30 days from the rate since the node started (no projection in its first minute).
 *
 * @param cameras per camera and tier
 * @param tiers   totals per tier with their cost
 */
public record UsageReport(List<CameraTier> cameras, List<TierTotal> tiers, double monthlyCost) {
    static final double GB = 1e9;
    static final Duration MONTH = Duration.ofDays(30);

    public record CameraTier(String cameraId, String tier, long chunks, long bytes) {
    }

    /**
     * @param requestsSinceStart object-storage requests for this tier since the node started
     * @param requestsPerMonth   their rate projected to 30 days
     */
    public record TierTotal(String tier, long chunks, long bytes, double gbMonthPrice, double per1000RequestsPrice,
                            long requestsSinceStart, long requestsPerMonth, double storageCost, double requestCost,
                            double monthlyCost) {
    }

    static UsageReport of(List<TierUsage> rows, Map<Tier, TierPrice> prices, Map<Tier, Long> requests,
                          Duration uptime) {
        List<CameraTier> cams = new ArrayList<>();
        Map<Tier, long[]> sums = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            sums.put(t, new long[2]);
        }
        for (TierUsage u : rows) {
            cams.add(new CameraTier(u.camera().toString(), name(u.tier()), u.chunks(), u.bytes()));
            sums.get(u.tier())[0] += u.chunks();
            sums.get(u.tier())[1] += u.bytes();
        }
        List<TierTotal> tiers = new ArrayList<>();
        double total = 0;
        for (Tier t : Tier.values()) {
            TierPrice p = prices.getOrDefault(t, TierPrice.FREE);
            long req = requests.getOrDefault(t, 0L);
            long perMonth = uptime.toSeconds() < 60 ? req
                    : Math.round(req * ((double) MONTH.toSeconds() / uptime.toSeconds()));
            double storage = sums.get(t)[1] / GB * p.perGbMonth();
            double reqCost = perMonth / 1000.0 * p.per1000Requests();
            tiers.add(new TierTotal(name(t), sums.get(t)[0], sums.get(t)[1], p.perGbMonth(), p.per1000Requests(), req,
                    perMonth, storage, reqCost, storage + reqCost));
            total += storage + reqCost;
        }
        return new UsageReport(cams, tiers, total);
    }

    private static String name(Tier t) {
        return t.name().toLowerCase(Locale.ROOT);
    }
}
