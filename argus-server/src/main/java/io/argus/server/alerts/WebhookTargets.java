package io.argus.server.alerts;

import io.argus.server.config.AddressRange;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Where webhooks may post: http or https URLs whose host resolves only to addresses outside
 * {@code webhooks.deniedAddresses} (loopback, private and link-local networks by default) unless
 * {@code webhooks.allowedAddresses} lets them. Checked when a webhook is added and again before every attempt, so a
 * name that later resolves to an inner address is refused then. A name re-resolved between the check and the
 * connection (DNS rebinding inside one attempt) is not caught: docs/alerts.md says to keep the defaults on nodes
 * whose inner network matters and to list exact receivers in the allowed ranges.
 */
final class WebhookTargets {
    private final List<AddressRange> denied;
    private final List<AddressRange> allowed;

    WebhookTargets(List<AddressRange> denied, List<AddressRange> allowed) {
        this.denied = denied;
        this.allowed = allowed;
    }

    /** Why the URL's form is refused, or null. Does not resolve the host. */
    static String malformed(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http:// or https:// URL";
        }
        if (url.getHost() == null || url.getHost().isEmpty()) {
            return "must name a host";
        }
        if (url.getRawUserInfo() != null) {
            return "must not carry credentials (the signature authenticates the node)";
        }
        return null;
    }

    /** Why the node may not post to the URL now (its form, or an address it resolves to), or null. */
    String refusal(URI url) {
        String bad = malformed(url);
        if (bad != null) {
            return bad;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return "host " + url.getHost() + " does not resolve";
        }
        for (InetAddress ip : addresses) {
            if (allowed.stream().noneMatch(r -> r.contains(ip)) && denied.stream().anyMatch(r -> r.contains(ip))) {
                return "host " + url.getHost() + " resolves to " + ip.getHostAddress()
                        + ", in a denied address range (webhooks.deniedAddresses)";
            }
        }
        return null;
    }
}
