package io.argus.media.srt;

import io.argus.media.path.SourceAddressPolicy;
import io.argus.media.path.SourceAttempt;
import io.argus.media.path.SourceConfig;
import io.argus.media.path.SourceConnector;
import io.argus.media.path.SourceCounters;
import io.argus.media.path.SourceListener;
import io.argus.media.srt.internal.SrtException;
import io.argus.media.srt.internal.SrtPoller;
import java.io.IOException;
import java.util.Locale;

/**
 * Pulls cameras whose source is {@code srt://host:port?streamid=…&passphrase=…&pbkeylen=…&latency=…} as an SRT
 * caller: the path's lifecycle (backoff with jitter, reconnects, state) is the same as for RTSP sources; only the
 * attempt differs. Every caller attempt is read by one {@link SrtPoller} thread.
 */
public final class SrtClient implements SourceConnector, AutoCloseable {
    private final Srt srt;
    private final SourceAddressPolicy addresses;
    private final SrtPoller poller;

    /** @param addresses where cameras may not be (the node's own ports, denied ranges) */
    public SrtClient(Srt srt, SourceAddressPolicy addresses) throws IOException {
        this.srt = srt;
        this.addresses = addresses;
        try {
            this.poller = new SrtPoller(srt.sockets().lib(), "srt-caller");
        } catch (SrtException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public boolean supports(SourceConfig config) {
        return "srt".equals(config.url().getScheme().toLowerCase(Locale.ROOT));
    }

    @Override
    public SourceAttempt connect(SourceConfig config, SourceListener listener, SourceCounters counters) {
        SrtClientAttempt attempt = new SrtClientAttempt(srt, poller, addresses, config, listener, counters);
        poller.execute(attempt::connect);
        return attempt;
    }

    @Override
    public void close() {
        poller.close();
    }
}
