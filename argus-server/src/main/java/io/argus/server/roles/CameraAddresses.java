package io.argus.server.roles;

import io.argus.media.path.SourceAddressPolicy;
import io.argus.server.config.AddressRange;
import io.argus.server.config.IngestConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Where cameras may be pulled from: never the node's own HTTP or RTSP ports (on any of its addresses), and
 * nothing in {@code camera.deniedAddresses} unless {@code camera.allowedAddresses} lets it. Without it anyone who
 * may add a camera or test one could make the node connect to services that only trust the machine itself.
 */
final class CameraAddresses implements SourceAddressPolicy {
    private final List<AddressRange> denied;
    private final List<AddressRange> allowed;
    private final Supplier<Set<Integer>> ownPorts;

    /** @param ownPorts the TCP ports this node serves, read at each check (ports picked at bind time show up) */
    CameraAddresses(IngestConfig config, Supplier<Set<Integer>> ownPorts) {
        this.denied = config.deniedAddresses();
        this.allowed = config.allowedAddresses();
        this.ownPorts = ownPorts;
    }

    @Override
    public String refusal(InetSocketAddress target) {
        InetAddress ip = target.getAddress();
        if (ownPorts.get().contains(target.getPort()) && ownAddress(ip)) {
            return "refused: " + target.getHostString() + ":" + target.getPort() + " is this node's own port";
        }
        if (allowed.stream().noneMatch(r -> r.contains(ip)) && denied.stream().anyMatch(r -> r.contains(ip))) {
            return "refused: " + target.getHostString() + " is in a denied address range (camera.deniedAddresses)";
        }
        return null;
    }

    private static boolean ownAddress(InetAddress ip) {
        if (ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(ip) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
