package io.argus.metadata;

import java.time.Instant;
import java.util.UUID;

/**
 * An ONVIF device of a tenant (V9): its device service address, account (password in the clear here, sealed in
 * the row), identity, service addresses (null when it has none) and the clock offset last measured.
 */
public record OnvifDevice(UUID tenantId, UUID id, String xaddr, String username, String password,
                          String manufacturer, String model, String firmware, String serial, String hardwareId,
                          String mediaXaddr, String media2Xaddr, String ptzXaddr, String eventsXaddr,
                          long clockOffsetMillis, Instant createdAt) {
    @Override
    public String toString() {
        return "OnvifDevice[" + id + " " + xaddr + " " + manufacturer + " " + model + " " + serial + "]";
    }

    /** A camera made from one of the device's media profiles. */
    public record Camera(UUID tenantId, UUID cameraId, UUID deviceId, String profileToken, String encoding,
                         int width, int height, int fps, boolean ptz) {
    }

    /** An event the device reported. */
    public record Event(UUID tenantId, UUID id, UUID deviceId, String topic, Instant time, String operation,
                        String source, String data, Instant receivedAt) {
    }
}
