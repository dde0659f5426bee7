package io.argus.media.srt.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import java.util.List;

/**
 * The part of libsrt's C API (srt.h, libsrt 1.5) that Argus uses, bound with JNA. Constants are srt.h's and
 * access_control.h's; the statistics offsets are those of {@code SRT_TRACEBSTATS} in 1.5 on x86-64 and aarch64
 * (read with {@code offsetof} from the libsrt-openssl-dev header).
 */
public interface LibSrt extends Library {

    /** Library names tried in order: the development link, then Debian's runtime packages (OpenSSL, GnuTLS). */
    List<String> NAMES = List.of("srt", "libsrt.so.1.5", "libsrt-gnutls.so.1.5");

    int SRT_ERROR = -1;
    int SRT_INVALID_SOCK = -1;

    int SRTO_SNDSYN = 1;
    int SRTO_RCVSYN = 2;
    int SRTO_LATENCY = 23;
    int SRTO_PASSPHRASE = 26;
    int SRTO_PBKEYLEN = 27;
    int SRTO_CONNTIMEO = 36;
    int SRTO_STREAMID = 46;
    int SRTO_TRANSTYPE = 50;
    int SRTO_ENFORCEDENCRYPTION = 53;

    int SRTT_LIVE = 0;

    int SRT_EPOLL_IN = 0x1;
    int SRT_EPOLL_OUT = 0x4;
    int SRT_EPOLL_ERR = 0x8;
    int SRT_EPOLL_ENABLE_EMPTY = 1;

    /** syslog's LOG_ERR: libsrt's own stderr log keeps errors, not the warnings each refused handshake prints. */
    int LOG_ERR = 3;

    /** SRT_SOCKSTATUS values (srt.h): a socket past CONNECTED is over. */
    int SRTS_CONNECTED = 5;
    int SRTS_BROKEN = 6;

    /** The error code of "no data now" on a non-blocking read (MJ_AGAIN * 1000 + MN_RDAVAIL). */
    int SRT_EASYNCRCV = 6002;

    /** sizeof(SRT_TRACEBSTATS) and the offsets of the fields read. */
    int BSTATS_SIZE = 496;
    int BSTATS_PKT_RECV_TOTAL = 16;
    int BSTATS_PKT_RCV_LOSS_TOTAL = 28;
    int BSTATS_PKT_RCV_DROP_TOTAL = 68;
    int BSTATS_PKT_RCV_UNDECRYPT_TOTAL = 72;
    int BSTATS_BYTE_RECV_TOTAL = 88;
    int BSTATS_PKT_RCV_RETRANS = 164;
    int BSTATS_MBPS_RECV_RATE = 192;
    int BSTATS_MS_RTT = 328;

    /** {@code srt_listen_callback_fn}: runs on libsrt's receiver thread during a caller's handshake. */
    interface ListenCallback extends Callback {
        int invoke(Pointer opaque, int socket, int hsVersion, Pointer peer, String streamId);
    }

    /** Loads libsrt by the first of {@code names} that loads, or returns null with the last error in {@code why[0]}. */
    static LibSrt load(List<String> names, String[] why) {
        for (String name : names) {
            try {
                return Native.load(name, LibSrt.class);
            } catch (UnsatisfiedLinkError e) {
                // JNA lists every place it looked, over many lines: the first says what failed.
                why[0] = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            }
        }
        return null;
    }

    int srt_startup();

    int srt_cleanup();

    int srt_create_socket();

    int srt_bind(int socket, byte[] address, int length);

    int srt_listen(int socket, int backlog);

    int srt_getsockname(int socket, byte[] address, IntByReference length);

    int srt_accept(int socket, byte[] address, IntByReference length);

    int srt_listen_callback(int socket, ListenCallback callback, Pointer opaque);

    int srt_connect(int socket, byte[] address, int length);

    int srt_close(int socket);

    int srt_setsockflag(int socket, int option, Pointer value, int length);

    int srt_getsockflag(int socket, int option, Pointer value, IntByReference length);

    int srt_getsockstate(int socket);

    int srt_recvmsg(int socket, Pointer buffer, int length);

    int srt_getlasterror(IntByReference errno);

    String srt_getlasterror_str();

    int srt_getrejectreason(int socket);

    int srt_setrejectreason(int socket, int reason);

    String srt_rejectreason_str(int reason);

    int srt_bstats(int socket, Pointer stats, int clear);

    int srt_epoll_create();

    int srt_epoll_add_usock(int epoll, int socket, IntByReference events);

    int srt_epoll_remove_usock(int epoll, int socket);

    int srt_epoll_uwait(int epoll, Pointer events, int size, long timeoutMillis);

    int srt_epoll_set(int epoll, int flags);

    int srt_epoll_release(int epoll);

    void srt_setloglevel(int level);
}
