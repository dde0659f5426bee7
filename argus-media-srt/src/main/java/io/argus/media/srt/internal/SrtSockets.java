package io.argus.media.srt.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.argus.media.srt.SrtStats;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/** Socket options, addresses, errors and statistics over {@link LibSrt}: the C shapes kept out of the callers. */
public final class SrtSockets {
    private static final short AF_INET = 2;
    private static final short AF_INET6 = 10;

    private final LibSrt lib;

    public SrtSockets(LibSrt lib) {
        this.lib = lib;
    }

    public LibSrt lib() {
        return lib;
    }

    /** A new socket in live mode (the TS-over-SRT profile: TSBPD, too-late drop, 1316-byte payloads). */
    public int create() throws SrtException {
        int s = lib.srt_create_socket();
        if (s == LibSrt.SRT_INVALID_SOCK) {
            throw error("srt_create_socket");
        }
        setInt(s, LibSrt.SRTO_TRANSTYPE, LibSrt.SRTT_LIVE);
        return s;
    }

    public void setInt(int socket, int option, int value) throws SrtException {
        Memory m = new Memory(4);
        m.setInt(0, value);
        if (lib.srt_setsockflag(socket, option, m, 4) == LibSrt.SRT_ERROR) {
            throw error("srt_setsockflag " + option);
        }
    }

    public void setBoolean(int socket, int option, boolean value) throws SrtException {
        setInt(socket, option, value ? 1 : 0);
    }

    public void setString(int socket, int option, String value) throws SrtException {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        Memory m = new Memory(Math.max(1, bytes.length));
        m.write(0, bytes, 0, bytes.length);
        if (lib.srt_setsockflag(socket, option, m, bytes.length) == LibSrt.SRT_ERROR) {
            throw error("srt_setsockflag " + option);
        }
    }

    /** A {@code struct sockaddr_in} or {@code sockaddr_in6} for the address, in the host's byte order for the family. */
    public static byte[] sockaddr(InetSocketAddress address) {
        byte[] ip = address.getAddress().getAddress();
        byte[] sa = new byte[ip.length == 4 ? 16 : 28];
        short family = ip.length == 4 ? AF_INET : AF_INET6;
        sa[0] = (byte) family;
        sa[1] = (byte) (family >> 8);
        sa[2] = (byte) (address.getPort() >> 8);
        sa[3] = (byte) address.getPort();
        System.arraycopy(ip, 0, sa, ip.length == 4 ? 4 : 8, ip.length);
        return sa;
    }

    /** The address in a {@code struct sockaddr} libsrt gave, or null when it is neither IPv4 nor IPv6. */
    public static InetSocketAddress address(Pointer sa) {
        if (sa == null) {
            return null;
        }
        int family = (sa.getByte(0) & 0xff) | (sa.getByte(1) & 0xff) << 8;
        int port = (sa.getByte(2) & 0xff) << 8 | (sa.getByte(3) & 0xff);
        try {
            if (family == AF_INET) {
                return new InetSocketAddress(Inet4Address.getByAddress(sa.getByteArray(4, 4)), port);
            }
            if (family == AF_INET6) {
                return new InetSocketAddress(InetAddress.getByAddress(sa.getByteArray(8, 16)), port);
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    /** The calling thread's last libsrt error, as an exception naming what failed. */
    public SrtException error(String what) {
        IntByReference errno = new IntByReference();
        int code = lib.srt_getlasterror(errno);
        return new SrtException(what + ": " + lib.srt_getlasterror_str(), code);
    }

    /** The calling thread's last libsrt error code. */
    public int lastError() {
        return lib.srt_getlasterror(new IntByReference());
    }

    /** The counters of a connection since it opened; null when the socket is gone. */
    public SrtStats stats(int socket) {
        Memory m = new Memory(LibSrt.BSTATS_SIZE);
        if (lib.srt_bstats(socket, m, 0) == LibSrt.SRT_ERROR) {
            return null;
        }
        return new SrtStats(m.getLong(LibSrt.BSTATS_BYTE_RECV_TOTAL), m.getLong(LibSrt.BSTATS_PKT_RECV_TOTAL),
                m.getInt(LibSrt.BSTATS_PKT_RCV_LOSS_TOTAL), m.getInt(LibSrt.BSTATS_PKT_RCV_RETRANS),
                m.getInt(LibSrt.BSTATS_PKT_RCV_DROP_TOTAL), m.getInt(LibSrt.BSTATS_PKT_RCV_UNDECRYPT_TOTAL),
                m.getDouble(LibSrt.BSTATS_MS_RTT), m.getDouble(LibSrt.BSTATS_MBPS_RECV_RATE));
    }
}
