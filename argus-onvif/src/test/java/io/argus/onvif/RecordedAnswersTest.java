package io.argus.onvif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.onvif.client.DeviceInformation;
import io.argus.onvif.client.MediaProfile;
import io.argus.onvif.client.OnvifClient;
import io.argus.onvif.client.OnvifEvent;
import io.argus.onvif.client.PtzPreset;
import io.argus.onvif.client.ServiceAddresses;
import io.argus.onvif.soap.Soap;
import io.argus.onvif.soap.SoapFault;
import io.argus.onvif.xml.SafeXml;
import io.argus.onvif.xml.XmlElement;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Recorded answers of real devices and the specification's examples (origins: fixtures/README.md) parse right. */
class RecordedAnswersTest {
    private static final URI DEVICE = URI.create("http://192.168.1.64/onvif/device_service");

    private static XmlElement payload(String fixture) {
        return Soap.read(SafeXml.standard(), Fixtures.bytes(fixture)).payload();
    }

    @Test
    void deviceInformationOfTheAgshMockup() {
        assertThat(DeviceInformation.parse(payload("agsh-GetDeviceInformation.xml"))).isEqualTo(
                new DeviceInformation("Mockup Manufacturer", "Mockup Model", "Mockup_15_14_13", "00000000", "MOCKUP"));
    }

    @Test
    void servicesByNamespaceAndByCapabilities() {
        ServiceAddresses s = ServiceAddresses.fromServices(DEVICE, payload("spec-GetServices.xml"));
        assertThat(s.media()).contains(URI.create("http://192.168.1.64/onvif/Media"));
        assertThat(s.media2()).contains(URI.create("http://192.168.1.64/onvif/Media2"));
        assertThat(s.ptz()).contains(URI.create("http://192.168.1.64/onvif/PTZ"));
        assertThat(s.events()).contains(URI.create("http://192.168.1.64/onvif/Events"));

        ServiceAddresses c = ServiceAddresses.fromCapabilities(DEVICE, payload("spec-GetCapabilities.xml"));
        assertThat(c.media()).contains(URI.create("http://10.0.0.7/onvif/media_service"));
        assertThat(c.media2()).isEmpty();
        assertThat(c.ptz()).contains(URI.create("http://10.0.0.7/onvif/ptz_service"));
        assertThat(c.events()).contains(URI.create("http://10.0.0.7/onvif/event_service"));
    }

    @Test
    void systemDateAndTimeIsReadAsUtc() {
        assertThat(OnvifClient.deviceTime(payload("spec-GetSystemDateAndTime.xml")))
                .contains(Instant.parse("2026-12-07T09:31:33Z"));
    }

    @Test
    void media1ProfilesWithEncoderAndPtz() {
        assertThat(MediaProfile.parse(payload("spec-GetProfiles-media1.xml"))).containsExactly(
                new MediaProfile("Profile_1", "mainStream", "H264", 1920, 1080, 25, true),
                new MediaProfile("Profile_2", "subStream", "H264", 640, 360, 25, false));
    }

    @Test
    void media2ProfilesWithH265() {
        assertThat(MediaProfile.parse(payload("spec-GetProfiles-media2.xml"))).containsExactly(
                new MediaProfile("Profile_1", "mainStream", "H265", 3840, 2160, 20, true));
    }

    @Test
    void streamUriOfMedia1() {
        assertThat(payload("agsh-GetStreamUri.xml").textAt("MediaUri", "Uri")).isEqualTo("rtsp://192.168.68.111/h264main");
    }

    @Test
    void presetsWithTokensAndNames() {
        var presets = PtzPreset.parse(payload("agsh-GetPresets.xml"));
        assertThat(presets).hasSize(6);
        assertThat(presets.get(0)).isEqualTo(new PtzPreset("P001", "P001", Optional.empty()));
        assertThat(presets.get(5)).isEqualTo(new PtzPreset("Home2", "Home", Optional.empty()));
    }

    @Test
    void pullMessagesEmptyAndWithMotion() {
        Instant now = Instant.parse("2026-12-07T10:00:00Z");
        assertThat(OnvifEvent.parseAll(payload("agsh-PullMessages-empty.xml"), now)).isEmpty();
        var events = OnvifEvent.parseAll(payload("spec-PullMessages-motion.xml"), now);
        assertThat(events).hasSize(2);
        OnvifEvent motion = events.get(0);
        assertThat(motion.topic()).isEqualTo("tns1:RuleEngine/CellMotionDetector/Motion");
        assertThat(motion.time()).isEqualTo(Instant.parse("2026-12-07T09:31:39.250Z"));
        assertThat(motion.operation()).isEqualTo("Changed");
        assertThat(motion.source()).containsEntry("Rule", "MyMotionDetectorRule");
        assertThat(motion.data()).isEqualTo(Map.of("IsMotion", "true"));
        assertThat(events.get(1).topic()).isEqualTo("tns1:VideoSource/GlobalSceneChange/ImagingService");
    }

    @Test
    void pullPointSubscriptionAddress() {
        assertThat(payload("spec-CreatePullPointSubscription.xml").textAt("SubscriptionReference", "Address"))
                .isEqualTo("http://192.168.1.64/onvif/Events/PullSubManager_2026-12-07T09:31:33Z_0");
    }

    @Test
    void faultsBecomeClearMessages() {
        assertThatThrownBy(() -> payload("spec-Fault-NotAuthorized.xml")).isInstanceOfSatisfying(SoapFault.class,
                f -> {
                    assertThat(f.notAuthorized()).isTrue();
                    assertThat(f.code()).isEqualTo("Sender");
                    assertThat(f.getMessage()).isEqualTo(
                            "the device refused the credentials (ter:NotAuthorized: Sender not Authorized)");
                });
        assertThatThrownBy(() -> payload("agsh-Fault.xml")).isInstanceOfSatisfying(SoapFault.class, f -> {
            assertThat(f.notAuthorized()).isFalse();
            assertThat(f.subcodes()).containsExactly("fault subcode", "fault subcode");
            assertThat(f.getMessage()).contains("fault reason");
        });
    }
}
