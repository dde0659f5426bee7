package io.argus.server.alerts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a delivery is signed: {@code X-Argus-Signature: sha256=<hex HMAC-SHA256>} over
 * {@code <X-Argus-Timestamp>.<body>} with the webhook's secret (the scheme Stripe and GitHub use, with the
 * timestamp inside the MAC so a captured request cannot be replayed later under a fresh timestamp). A receiver
 * recomputes it, compares in constant time and refuses timestamps more than a few minutes old (docs/alerts.md).
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "X-Argus-Signature";
    public static final String TIMESTAMP_HEADER = "X-Argus-Timestamp";
    public static final String DELIVERY_HEADER = "X-Argus-Delivery";
    public static final String EVENT_HEADER = "X-Argus-Event";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** @param epochSeconds the {@code X-Argus-Timestamp} value */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
