package io.argus.storage.tier;

/** What a tier costs, in any currency (the usage report does not name one). */
public record TierPrice(double perGbMonth, double per1000Requests) {
    public static final TierPrice FREE = new TierPrice(0, 0);
}
