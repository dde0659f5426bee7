package io.argus.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A range of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}); a bare address is a range of
 * one. Literal addresses only (never looked up): a host name would be resolved once at start and go stale.
 *
 * @param network the first address of the range (the bits past the prefix cleared)
 * @param bits    the prefix length, 0 up to 32 (IPv4) or 128 (IPv6)
 */
public record AddressRange(InetAddress network, int bits) {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public AddressRange {
        int max = network.getAddress().length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix /" + bits + " is not 0-" + max);
        }
        network = masked(network, bits);
    }

    /** {@code 10.0.0.0/8}, {@code fd00::/8} or a bare address. */
    public static AddressRange parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches()
                && Arrays.stream(address.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        if (!v4 && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + t + "' is not an address range (e.g. 10.0.0.0/8, ::1/128)");
        }
        InetAddress network;
        try {
            network = InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + t + "' is not an address range (e.g. 10.0.0.0/8, ::1/128)");
        }
        int max = network.getAddress().length * 8;
        int bits;
        try {
            bits = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + t + "': the prefix after / must be a number");
        }
        return new AddressRange(network, bits);
    }

    /** Comma-separated ranges; empty text is no range. */
    public static List<AddressRange> list(String text) {
        List<AddressRange> out = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code address} is in this range (an IPv4 address is never in an IPv6 range, nor the reverse). */
    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        return a.length == network.getAddress().length && masked(address, bits).equals(network);
    }

    private static InetAddress masked(InetAddress address, int bits) {
        byte[] b = address.getAddress();
        for (int i = 0; i < b.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - 8 * i));
            b[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of 4 or 16 bytes is always valid", e);
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + bits;
    }
}
