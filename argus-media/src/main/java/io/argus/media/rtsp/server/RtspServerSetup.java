package io.argus.media.rtsp.server;

import io.argus.media.path.Path;
import io.argus.media.rtsp.RtspResponse;
import io.argus.media.rtsp.RtspStatus;
import io.argus.media.rtsp.RtspTransport;
import io.argus.media.stream.Stream;
import java.net.InetSocketAddress;

/**
 * The outcome of one SETUP (RFC 2326 §10.4): the session (new or existing) with the track added and the
 * Transport to reply, or an error response.
 */
record RtspServerSetup(RtspServerSession session, RtspTransport reply, RtspResponse error) {

    private static RtspServerSetup error(int status) {
        return new RtspServerSetup(null, null, new RtspResponse(status));
    }

    /**
     * A reader's SETUP of {@code trackID=N} of a live path.
     *
     * @param key the path's key, as the authenticator resolved the URL
     */
    static RtspServerSetup play(RtspServerConnection conn, RtspServerUrls url, String key,
                                RtspServerSession existing, RtspTransport offer) {
        if (offer.isRecord()) {
            return error(RtspStatus.UNSUPPORTED_TRANSPORT);
        }
        RtspServerSession session = existing;
        Stream stream;
        if (session == null) {
            Path path = conn.server().paths().get(key).orElse(null);
            stream = path == null ? null : path.stream();
            if (stream == null) {
                return error(path == null ? RtspStatus.NOT_FOUND : RtspStatus.SERVICE_UNAVAILABLE);
            }
            session = RtspServerSession.reader(conn.newSessionId(), conn, path, stream);
        } else {
            stream = session.stream();
            if (!key.equals(session.path().id())) {
                return error(RtspStatus.METHOD_NOT_VALID_IN_THIS_STATE);
            }
        }
        int track = url.trackId();
        if (track < 0 && url.control() == null && stream.formats().size() == 1) {
            track = 0;
        }
        if (track < 0 || track >= stream.formats().size() || session.media(track) != null) {
            return error(RtspStatus.NOT_FOUND);
        }
        InetSocketAddress client = offer.tcp() ? null
                : new InetSocketAddress(conn.remoteAddress().getAddress(), offer.clientRtpPort());
        RtspServerSessionMedia media = RtspServerSessionMedia.forPlay(track, stream.formats().get(track), offer,
                client, conn.server().config());
        session.add(media);
        RtspTransport reply = offer.withSsrc(media.packetizer().ssrc());
        if (!offer.tcp()) {
            RtspServerUdp udp = conn.server().udp();
            reply = reply.withServerPorts(udp.rtpPort(), udp.rtcpPort());
        }
        return new RtspServerSetup(session, reply, null);
    }

    /** A publisher's SETUP of one announced track. */
    static RtspServerSetup record(RtspServerConnection conn, RtspServerRequest req, RtspServerUrls url,
                                  RtspServerSession existing, RtspServerAnnounce announce, RtspTransport offer) {
        RtspServerAnnounce a = existing != null ? existing.announce() : announce;
        int index = a.announcedIndex(req.request().uri(), url.control());
        if (index < 0) {
            return error(RtspStatus.NOT_FOUND);
        }
        RtspServerSession session = existing != null ? existing
                : RtspServerSession.publisher(conn.newSessionId(), conn, a);
        InetSocketAddress client = offer.tcp() ? null
                : new InetSocketAddress(conn.remoteAddress().getAddress(), offer.clientRtpPort());
        session.add(RtspServerSessionMedia.forRecord(a.streamTrack(index), offer, client));
        RtspTransport reply = offer.withMode("RECORD");
        if (!offer.tcp()) {
            RtspServerUdp udp = conn.server().udp();
            reply = reply.withServerPorts(udp.rtpPort(), udp.rtcpPort());
        }
        return new RtspServerSetup(session, reply, null);
    }
}
