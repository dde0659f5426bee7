package io.argus.sim.onvif;

import io.argus.onvif.client.PtzVector;
import io.argus.onvif.soap.Ns;
import io.argus.onvif.xml.XmlElement;
import io.argus.onvif.xml.XmlText;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One simulated ONVIF device: simulated camera {@code i} with a main profile (its RTSP stream) and a sub profile
 * (its 640x360 stream), a PTZ head and a motion event schedule. Answers the operations of the Device, Media, Media2,
 * PTZ and Events services that onboarding, PTZ control and event pulling use (and that the npm {@code onvif} client
 * calls while connecting); any other is {@code ter:ActionNotSupported}.
 */
public final class SimOnvifDevice {
    static final String VIDEO_SOURCE = "VideoSource_1";
    static final String PTZ_NODE = "PtzNode_1";

    /** A media profile the device offers. */
    public record Profile(String token, String name, URI rtsp, String encoding, int width, int height, int fps) {
    }

    private final int index;
    private final URI base;
    private final List<Profile> profiles;
    private final Clock clock;
    private final String endpoint;
    private final SimPtz ptz = new SimPtz();
    private final SimEvents events;

    SimOnvifDevice(int index, URI base, List<Profile> profiles, Clock clock, Duration eventPeriod) {
        this.index = index;
        this.base = base;
        this.profiles = List.copyOf(profiles);
        this.clock = clock;
        this.endpoint = "urn:uuid:" + UUID.nameUUIDFromBytes(("argus-sim-onvif-" + index).getBytes());
        this.events = new SimEvents(clock, clock.instant(), eventPeriod);
    }

    public int index() {
        return index;
    }

    /** The device service address (the XAddr discovery announces). */
    public URI deviceService() {
        return base.resolve("device_service");
    }

    public String endpoint() {
        return endpoint;
    }

    public String serial() {
        return String.format(Locale.ROOT, "SIM%05d", index);
    }

    public SimPtz ptz() {
        return ptz;
    }

    public SimEvents events() {
        return events;
    }

    public List<Profile> profiles() {
        return profiles;
    }

    /** The device's own clock (the host's plus its skew). */
    Clock clock() {
        return clock;
    }

    List<String> scopes() {
        return List.of("onvif://www.onvif.org/Profile/Streaming", "onvif://www.onvif.org/Profile/T",
                "onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/type/ptz",
                "onvif://www.onvif.org/hardware/ArgusSim", "onvif://www.onvif.org/name/ArgusSimCam" + index,
                "onvif://www.onvif.org/location/simulator");
    }

    /** The body of the answer to {@code op} on {@code service} (device_service, media, media2, ptz, events). */
    String handle(String service, XmlElement op) {
        String name = op.localName();
        return switch (service) {
            case "device_service" -> device(name, op);
            case "media" -> media(name, op, false);
            case "media2" -> media(name, op, true);
            case "ptz" -> ptz(name, op);
            case "events" -> eventService(name, op);
            default -> throw SimFault.sender("ter:ActionNotSupported", "no service " + service);
        };
    }

    private String device(String op, XmlElement in) {
        return switch (op) {
            case "GetSystemDateAndTime" -> "<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime>"
                    + "<tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings>"
                    + "<tt:TimeZone><tt:TZ>UTC0</tt:TZ></tt:TimeZone>" + dateTime("UTCDateTime")
                    + dateTime("LocalDateTime") + "</tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>";
            case "GetDeviceInformation" -> "<tds:GetDeviceInformationResponse><tds:Manufacturer>Argus</tds:Manufacturer>"
                    + "<tds:Model>Argus Sim</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>"
                    + serial() + "</tds:SerialNumber><tds:HardwareId>argus-sim</tds:HardwareId>"
                    + "</tds:GetDeviceInformationResponse>";
            case "GetServices" -> "<tds:GetServicesResponse>" + service(Ns.TDS, "device_service")
                    + service(Ns.TRT, "media") + service(Ns.TR2, "media2") + service(Ns.TPTZ, "ptz")
                    + service(Ns.TEV, "events") + "</tds:GetServicesResponse>";
            case "GetCapabilities" -> "<tds:GetCapabilitiesResponse><tds:Capabilities>"
                    + "<tt:Device><tt:XAddr>" + base.resolve("device_service") + "</tt:XAddr></tt:Device>"
                    + "<tt:Events><tt:XAddr>" + base.resolve("events") + "</tt:XAddr><tt:WSSubscriptionPolicySupport>"
                    + "false</tt:WSSubscriptionPolicySupport><tt:WSPullPointSupport>true</tt:WSPullPointSupport>"
                    + "<tt:WSPausableSubscriptionManagerInterfaceSupport>false"
                    + "</tt:WSPausableSubscriptionManagerInterfaceSupport></tt:Events>"
                    + "<tt:Media><tt:XAddr>" + base.resolve("media") + "</tt:XAddr><tt:StreamingCapabilities>"
                    + "<tt:RTPMulticast>false</tt:RTPMulticast><tt:RTP_TCP>true</tt:RTP_TCP><tt:RTP_RTSP_TCP>true"
                    + "</tt:RTP_RTSP_TCP></tt:StreamingCapabilities></tt:Media>"
                    + "<tt:PTZ><tt:XAddr>" + base.resolve("ptz") + "</tt:XAddr></tt:PTZ>"
                    + "</tds:Capabilities></tds:GetCapabilitiesResponse>";
            case "GetScopes" -> "<tds:GetScopesResponse>" + String.join("", scopes().stream().map(s ->
                    "<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>" + s + "</tt:ScopeItem></tds:Scopes>")
                    .toList()) + "</tds:GetScopesResponse>";
            case "GetHostname" -> "<tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP>"
                    + "<tt:Name>argus-sim-cam" + index + "</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse>";
            default -> throw unsupported(op);
        };
    }

    private String media(String op, XmlElement in, boolean v2) {
        String p = v2 ? "tr2" : "trt";
        return switch (op) {
            case "GetProfiles" -> "<" + p + ":GetProfilesResponse>" + String.join("", profiles.stream()
                    .map(pr -> profileXml(pr, v2, "Profiles")).toList()) + "</" + p + ":GetProfilesResponse>";
            case "GetProfile" -> "<trt:GetProfileResponse>" + profileXml(profile(in.textAt("ProfileToken")), false,
                    "Profile") + "</trt:GetProfileResponse>";
            case "GetStreamUri" -> {
                Profile pr = profile(in.textAt("ProfileToken"));
                yield v2 ? "<tr2:GetStreamUriResponse><tr2:Uri>" + pr.rtsp() + "</tr2:Uri></tr2:GetStreamUriResponse>"
                        : "<trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>" + pr.rtsp() + "</tt:Uri>"
                        + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                        + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse>";
            }
            case "GetSnapshotUri" -> {
                URI snap = base.resolve("snapshot/" + profile(in.textAt("ProfileToken")).token() + ".jpg");
                yield v2 ? "<tr2:GetSnapshotUriResponse><tr2:Uri>" + snap + "</tr2:Uri></tr2:GetSnapshotUriResponse>"
                        : "<trt:GetSnapshotUriResponse><trt:MediaUri><tt:Uri>" + snap + "</tt:Uri>"
                        + "<tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false"
                        + "</tt:InvalidAfterReboot><tt:Timeout>PT0S</tt:Timeout></trt:MediaUri>"
                        + "</trt:GetSnapshotUriResponse>";
            }
            case "GetVideoSources" -> "<trt:GetVideoSourcesResponse><trt:VideoSources token=\"" + VIDEO_SOURCE + "\">"
                    + "<tt:Framerate>" + profiles.get(0).fps() + "</tt:Framerate><tt:Resolution><tt:Width>"
                    + profiles.get(0).width() + "</tt:Width><tt:Height>" + profiles.get(0).height()
                    + "</tt:Height></tt:Resolution></trt:VideoSources></trt:GetVideoSourcesResponse>";
            default -> throw unsupported(op);
        };
    }

    private String profileXml(Profile pr, boolean v2, String element) {
        String encoder = "<tt:Name>" + pr.name() + "Encoder</tt:Name><tt:UseCount>1</tt:UseCount><tt:Encoding>"
                + pr.encoding() + "</tt:Encoding><tt:Resolution><tt:Width>" + pr.width() + "</tt:Width><tt:Height>"
                + pr.height() + "</tt:Height></tt:Resolution>" + (v2 ? "" : "<tt:Quality>4</tt:Quality>")
                + "<tt:RateControl><tt:FrameRateLimit>" + pr.fps() + "</tt:FrameRateLimit>"
                + (v2 ? "" : "<tt:EncodingInterval>1</tt:EncodingInterval>")
                + "<tt:BitrateLimit>4096</tt:BitrateLimit></tt:RateControl>" + (v2 ? "<tt:Quality>4</tt:Quality>" : "");
        String source = "<tt:Name>VideoSourceConfig</tt:Name><tt:UseCount>2</tt:UseCount><tt:SourceToken>"
                + VIDEO_SOURCE + "</tt:SourceToken><tt:Bounds x=\"0\" y=\"0\" width=\"" + profiles.get(0).width()
                + "\" height=\"" + profiles.get(0).height() + "\"/>";
        String ptzConfig = "<tt:Name>PTZ</tt:Name><tt:UseCount>2</tt:UseCount><tt:NodeToken>" + PTZ_NODE
                + "</tt:NodeToken>";
        if (v2) {
            return "<tr2:" + element + " token=\"" + pr.token() + "\" fixed=\"true\"><tr2:Name>" + pr.name()
                    + "</tr2:Name><tr2:Configurations><tr2:VideoSource token=\"VideoSourceConfig\">" + source
                    + "</tr2:VideoSource><tr2:VideoEncoder token=\"" + pr.token() + "Encoder\">" + encoder
                    + "</tr2:VideoEncoder><tr2:PTZ token=\"PtzConfig\">" + ptzConfig + "</tr2:PTZ>"
                    + "</tr2:Configurations></tr2:" + element + ">";
        }
        return "<trt:" + element + " token=\"" + pr.token() + "\" fixed=\"true\"><tt:Name>" + pr.name() + "</tt:Name>"
                + "<tt:VideoSourceConfiguration token=\"VideoSourceConfig\">" + source + "</tt:VideoSourceConfiguration>"
                + "<tt:VideoEncoderConfiguration token=\"" + pr.token() + "Encoder\">" + encoder
                + "</tt:VideoEncoderConfiguration><tt:PTZConfiguration token=\"PtzConfig\">" + ptzConfig
                + "</tt:PTZConfiguration></trt:" + element + ">";
    }

    private String ptz(String op, XmlElement in) {
        Instant now = clock.instant();
        if (!op.equals("GetNodes") && !op.equals("GetConfigurations") && !op.equals("GetNode")) {
            profile(in.textAt("ProfileToken"));
        }
        switch (op) {
            case "ContinuousMove" -> ptz.continuousMove(in.child("Velocity").map(PtzVector::parse)
                    .orElse(PtzVector.ZERO), now);
            case "Stop" -> ptz.stop(now);
            case "AbsoluteMove" -> ptz.absoluteMove(in.child("Position").map(PtzVector::parse).orElse(PtzVector.ZERO));
            case "RelativeMove" -> ptz.relativeMove(in.child("Translation").map(PtzVector::parse)
                    .orElse(PtzVector.ZERO), now);
            case "GotoHomePosition" -> ptz.gotoHome();
            case "SetHomePosition" -> ptz.setHome(now);
            case "GotoPreset" -> {
                if (!ptz.gotoPreset(in.textAt("PresetToken"))) {
                    throw SimFault.sender("ter:InvalidArgVal/ter:NoToken", "no preset " + in.textAt("PresetToken"));
                }
            }
            case "RemovePreset" -> {
                if (!ptz.removePreset(in.textAt("PresetToken"))) {
                    throw SimFault.sender("ter:InvalidArgVal/ter:NoToken", "no preset " + in.textAt("PresetToken"));
                }
            }
            case "SetPreset" -> {
                String token = ptz.setPreset(in.textAt("PresetToken"), in.textAt("PresetName"), now)
                        .orElseThrow(() -> new SimFault("s:Receiver", "ter:Action/ter:TooManyPresets",
                                "the preset list is full", 500));
                return "<tptz:SetPresetResponse><tptz:PresetToken>" + XmlText.escape(token)
                        + "</tptz:PresetToken></tptz:SetPresetResponse>";
            }
            case "GetPresets" -> {
                return "<tptz:GetPresetsResponse>" + String.join("", ptz.presets().stream().map(p ->
                        "<tptz:Preset token=\"" + XmlText.escape(p.token()) + "\"><tt:Name>" + XmlText.escape(p.name())
                                + "</tt:Name>" + p.position().xml("tt:PTZPosition") + "</tptz:Preset>").toList())
                        + "</tptz:GetPresetsResponse>";
            }
            case "GetStatus" -> {
                return "<tptz:GetStatusResponse><tptz:PTZStatus>" + ptz.position(now).xml("tt:Position")
                        + "<tt:MoveStatus><tt:PanTilt>" + (ptz.moving() ? "MOVING" : "IDLE") + "</tt:PanTilt>"
                        + "<tt:Zoom>IDLE</tt:Zoom></tt:MoveStatus><tt:UtcTime>" + now + "</tt:UtcTime>"
                        + "</tptz:PTZStatus></tptz:GetStatusResponse>";
            }
            case "GetNodes", "GetNode" -> {
                return "<tptz:" + op + "Response><tptz:PTZNode token=\"" + PTZ_NODE + "\" FixedHomePosition=\"false\">"
                        + "<tt:Name>PTZ</tt:Name><tt:SupportedPTZSpaces/><tt:MaximumNumberOfPresets>"
                        + SimPtz.MAX_PRESETS + "</tt:MaximumNumberOfPresets><tt:HomeSupported>true</tt:HomeSupported>"
                        + "</tptz:PTZNode></tptz:" + op + "Response>";
            }
            case "GetConfigurations" -> {
                return "<tptz:GetConfigurationsResponse><tptz:PTZConfiguration token=\"PtzConfig\"><tt:Name>PTZ</tt:Name>"
                        + "<tt:UseCount>2</tt:UseCount><tt:NodeToken>" + PTZ_NODE + "</tt:NodeToken>"
                        + "</tptz:PTZConfiguration></tptz:GetConfigurationsResponse>";
            }
            default -> throw unsupported(op);
        }
        return "<tptz:" + op + "Response/>";
    }

    private String eventService(String op, XmlElement in) {
        return switch (op) {
            case "CreatePullPointSubscription" -> {
                Duration term = duration(in.textAt("InitialTerminationTime"), Duration.ofMinutes(1));
                String id = events.subscribe(term).orElseThrow(() -> new SimFault("s:Receiver",
                        "ter:Action/ter:UnableToCreatePullPointSubscription", "too many subscriptions", 500));
                yield "<tev:CreatePullPointSubscriptionResponse><tev:SubscriptionReference><wsa:Address>"
                        + base.resolve("events/sub/" + id) + "</wsa:Address></tev:SubscriptionReference>"
                        + "<wsnt:CurrentTime>" + clock.instant() + "</wsnt:CurrentTime><wsnt:TerminationTime>"
                        + events.termination(id).orElseThrow() + "</wsnt:TerminationTime>"
                        + "</tev:CreatePullPointSubscriptionResponse>";
            }
            case "GetEventProperties" -> "<tev:GetEventPropertiesResponse><tev:TopicNamespaceLocation>"
                    + "http://www.onvif.org/onvif/ver10/topics/topicns.xml</tev:TopicNamespaceLocation>"
                    + "<wsnt:FixedTopicSet>true</wsnt:FixedTopicSet><wstop:TopicSet xmlns:wstop=\""
                    + "http://docs.oasis-open.org/wsn/t-1\"><tns1:RuleEngine><CellMotionDetector><Motion "
                    + "wstop:topic=\"true\"/></CellMotionDetector></tns1:RuleEngine></wstop:TopicSet>"
                    + "<wsnt:TopicExpressionDialect>http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet"
                    + "</wsnt:TopicExpressionDialect></tev:GetEventPropertiesResponse>";
            default -> throw unsupported(op);
        };
    }

    /** An operation on subscription {@code id} (PullMessages, Renew, Unsubscribe, SetSynchronizationPoint). */
    String subscription(String id, XmlElement op) throws InterruptedException {
        if (!events.exists(id)) {
            throw SimFault.sender("wsrf-rw:ResourceUnknownFault", "no subscription " + id
                    + " (it ended, or the device restarted)");
        }
        return switch (op.localName()) {
            case "PullMessages" -> {
                Duration timeout = duration(op.textAt("Timeout"), Duration.ofSeconds(1));
                timeout = timeout.compareTo(Duration.ofSeconds(60)) > 0 ? Duration.ofSeconds(60) : timeout;
                int limit = Math.max(1, Math.min(1000, parseInt(op.textAt("MessageLimit"), 100)));
                List<SimEvents.Event> out = events.pull(id, timeout, limit).orElseThrow(() -> SimFault.sender(
                        "wsrf-rw:ResourceUnknownFault", "the subscription ended"));
                StringBuilder b = new StringBuilder("<tev:PullMessagesResponse><tev:CurrentTime>")
                        .append(clock.instant()).append("</tev:CurrentTime><tev:TerminationTime>")
                        .append(events.termination(id).orElse(clock.instant())).append("</tev:TerminationTime>");
                for (SimEvents.Event e : out) {
                    b.append("<wsnt:NotificationMessage><wsnt:Topic Dialect=\"http://www.onvif.org/ver10/tev/")
                            .append("topicExpression/ConcreteSet\">tns1:RuleEngine/CellMotionDetector/Motion")
                            .append("</wsnt:Topic><wsnt:Message><tt:Message UtcTime=\"").append(e.time())
                            .append("\" PropertyOperation=\"Changed\"><tt:Source><tt:SimpleItem ")
                            .append("Name=\"VideoSourceConfigurationToken\" Value=\"VideoSourceConfig\"/>")
                            .append("<tt:SimpleItem Name=\"Rule\" Value=\"MotionRule\"/></tt:Source><tt:Data>")
                            .append("<tt:SimpleItem Name=\"IsMotion\" Value=\"").append(e.motion())
                            .append("\"/></tt:Data></tt:Message></wsnt:Message></wsnt:NotificationMessage>");
                }
                yield b.append("</tev:PullMessagesResponse>").toString();
            }
            case "Renew" -> {
                Instant until = events.renew(id, duration(op.textAt("TerminationTime"), Duration.ofMinutes(1)))
                        .orElseThrow(() -> SimFault.sender("wsrf-rw:ResourceUnknownFault", "the subscription ended"));
                yield "<wsnt:RenewResponse><wsnt:TerminationTime>" + until + "</wsnt:TerminationTime><wsnt:CurrentTime>"
                        + clock.instant() + "</wsnt:CurrentTime></wsnt:RenewResponse>";
            }
            case "Unsubscribe" -> {
                events.unsubscribe(id);
                yield "<wsnt:UnsubscribeResponse/>";
            }
            case "SetSynchronizationPoint" -> "<tev:SetSynchronizationPointResponse/>";
            default -> throw unsupported(op.localName());
        };
    }

    private Profile profile(String token) {
        return profiles.stream().filter(p -> p.token().equals(token)).findFirst().orElseThrow(() ->
                SimFault.sender("ter:InvalidArgVal/ter:NoProfile", "no profile " + token));
    }

    private String service(String namespace, String path) {
        return "<tds:Service><tds:Namespace>" + namespace + "</tds:Namespace><tds:XAddr>" + base.resolve(path)
                + "</tds:XAddr><tds:Version><tt:Major>2</tt:Major><tt:Minor>60</tt:Minor></tds:Version></tds:Service>";
    }

    private String dateTime(String element) {
        ZonedDateTime t = clock.instant().atZone(ZoneOffset.UTC);
        return "<tt:" + element + "><tt:Time><tt:Hour>" + t.getHour() + "</tt:Hour><tt:Minute>" + t.getMinute()
                + "</tt:Minute><tt:Second>" + t.getSecond() + "</tt:Second></tt:Time><tt:Date><tt:Year>" + t.getYear()
                + "</tt:Year><tt:Month>" + t.getMonthValue() + "</tt:Month><tt:Day>" + t.getDayOfMonth()
                + "</tt:Day></tt:Date></tt:" + element + ">";
    }

    /** An xs:duration ({@code PT60S}) or an absolute xs:dateTime, as a duration from now. */
    private Duration duration(String s, Duration fallback) {
        if (s.isBlank()) {
            return fallback;
        }
        try {
            return s.startsWith("P") ? Duration.parse(s) : Duration.between(clock.instant(), Instant.parse(s));
        } catch (DateTimeParseException e) {
            throw SimFault.sender("ter:InvalidArgVal", "not a duration or time: " + s);
        }
    }

    private static int parseInt(String s, int fallback) {
        try {
            return s.isBlank() ? fallback : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static SimFault unsupported(String op) {
        return SimFault.sender("ter:ActionNotSupported", op + " is not supported by the simulator");
    }
}
