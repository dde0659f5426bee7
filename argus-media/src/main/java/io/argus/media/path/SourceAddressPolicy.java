package io.argus.media.path;

import java.net.InetSocketAddress;

/**
 * Which addresses the node may pull a source from. Connectors ask it with the resolved address right before
 * each connection (a redirect's too) and connect to exactly that address, so a host name that resolves to a
 * refused address is refused, and a second lookup cannot answer differently.
 */
@FunctionalInterface
public interface SourceAddressPolicy {
    /** Every address: for tools and tests that pull from whatever they are given. */
    SourceAddressPolicy ANY = address -> null;

    /**
     * Null when the node may connect to {@code address} (resolved), else why not, in words for operators (it
     * becomes the attempt's end reason).
     */
    String refusal(InetSocketAddress address);
}
