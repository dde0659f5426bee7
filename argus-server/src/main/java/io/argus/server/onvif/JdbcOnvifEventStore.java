package io.argus.server.onvif;

import io.argus.metadata.OnvifDevice;
import io.argus.metadata.OnvifDeviceRepository;
import io.argus.onvif.client.OnvifEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Events in the {@code onvif_events} table (V9). Source and data items are kept as {@code name=value} lines:
 * ONVIF simple items are short names and values, and the table is a stopgap until the general event store.
 */
public final class JdbcOnvifEventStore implements OnvifEventStore {
    private final OnvifDeviceRepository repo;
    private final Clock clock;

    public JdbcOnvifEventStore(OnvifDeviceRepository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    @Override
    public void record(UUID tenant, UUID device, OnvifEvent e) {
        repo.insertEvent(new OnvifDevice.Event(tenant, UUID.randomUUID(), device, cut(e.topic(), 512), e.time(),
                cut(e.operation(), 32), cut(lines(e.source()), 2048), cut(lines(e.data()), 2048), clock.instant()));
    }

    @Override
    public List<StoredEvent> latest(UUID tenant, UUID device, int limit) {
        return repo.events(tenant, device, limit).stream().map(e -> new StoredEvent(e.topic(), e.time(),
                e.operation(), map(e.source()), map(e.data()), e.receivedAt())).toList();
    }

    private static String lines(Map<String, String> items) {
        StringBuilder b = new StringBuilder();
        items.forEach((k, v) -> b.append(k.replace('\n', ' ').replace('=', '_')).append('=')
                .append(v.replace('\n', ' ')).append('\n'));
        return b.toString();
    }

    private static Map<String, String> map(String lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
