package io.argus.server.api.onvif;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The JSON bodies of the ONVIF routes. */
public final class OnvifDtos {
    private OnvifDtos() {
    }

    /** {@code POST /api/v1/onvif/discover}: {@code address} ({@code host} or {@code host:port}) probes one device. */
    public record DiscoverRequest(String address, String username, String password) {
        @Override
        public String toString() {
            return "DiscoverRequest[" + address + ", " + username + "]";
        }
    }

    public record DiscoveredDevice(String address, String xaddr, String manufacturer, String model, String firmware,
                                   String serial, String hardwareId, List<String> scopes, boolean added) {
    }

    public record DiscoverResponse(List<DiscoveredDevice> devices) {
    }

    /** {@code POST /api/v1/onvif/devices}: {@code profiles} (tokens or names) to make cameras of; all when absent. */
    public record AddDeviceRequest(String xaddr, String username, String password, List<String> profiles) {
        @Override
        public String toString() {
            return "AddDeviceRequest[" + xaddr + ", " + username + ", " + profiles + "]";
        }
    }

    /** One device of a bulk add; its account falls back to the request's. */
    public record BulkDevice(String xaddr, String username, String password) {
        @Override
        public String toString() {
            return "BulkDevice[" + xaddr + ", " + username + "]";
        }
    }

    /** {@code POST /api/v1/onvif/devices/bulk}. */
    public record BulkAddRequest(List<BulkDevice> devices, String username, String password, List<String> profiles) {
        @Override
        public String toString() {
            return "BulkAddRequest[" + (devices == null ? 0 : devices.size()) + " devices, " + username + "]";
        }
    }

    public record Services(String media, String media2, String ptz, String events) {
    }

    /** A camera made from a device's profile. */
    public record DeviceCamera(UUID id, String name, String profile, String encoding, int width, int height, int fps,
                               boolean ptz) {
    }

    /**
     * A device and its status: the clock offset measured when last reached (positive: the device is ahead), and its
     * event subscription's state.
     */
    public record DeviceResponse(UUID id, String xaddr, String username, String manufacturer, String model,
                                 String firmware, String serial, String hardwareId, Services services,
                                 long clockOffsetMs, Instant createdAt, List<DeviceCamera> cameras, String events,
                                 long eventsReceived, long eventSubscriptions) {
    }

    public record AddDeviceResponse(DeviceResponse device, List<DeviceCamera> cameras) {
    }

    public record BulkFailure(String xaddr, String error, String message) {
    }

    public record BulkAddResponse(List<AddDeviceResponse> added, List<BulkFailure> failed) {
    }

    /** {@code POST …/ptz/move}: generic-space values; {@code mode} continuous (velocity), relative or absolute. */
    public record PtzMoveRequest(Double pan, Double tilt, Double zoom, String mode) {
    }

    public record PtzPresetResponse(String token, String name, Double pan, Double tilt, Double zoom) {
    }

    public record PtzPresetRequest(String name) {
    }

    public record PtzPresetTokenResponse(String token) {
    }

    public record OnvifEventResponse(String topic, Instant time, String operation, Map<String, String> source,
                                     Map<String, String> data, Instant receivedAt) {
    }
}
