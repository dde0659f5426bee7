package io.argus.onvif.client;

import io.argus.onvif.xml.XmlElement;

/** GetDeviceInformation's answer (ONVIF Device Management §8.3.1). */
public record DeviceInformation(String manufacturer, String model, String firmware, String serial, String hardwareId) {
    public static DeviceInformation parse(XmlElement response) {
        return new DeviceInformation(response.textAt("Manufacturer"), response.textAt("Model"),
                response.textAt("FirmwareVersion"), response.textAt("SerialNumber"),
                response.textAt("HardwareId"));
    }
}
