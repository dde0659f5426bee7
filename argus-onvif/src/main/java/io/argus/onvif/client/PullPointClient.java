package io.argus.onvif.client;

import io.argus.onvif.soap.Ns;
import io.argus.onvif.xml.XmlElement;
import io.argus.onvif.xml.XmlText;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A pull-point subscription (ONVIF Core §9.3: CreatePullPointSubscription, PullMessages, Renew, Unsubscribe). The
 * subscription lives at its own address on the device; requests to it carry WS-Addressing {@code To} and
 * {@code Action}, which several devices route by (Hikvision, Axis).
 */
public final class PullPointClient {
    private static final String PULL_ACTION = Ns.TEV + "/PullPointSubscription/PullMessagesRequest";

    private final SoapTransport transport;
    private final URI address;

    private PullPointClient(SoapTransport transport, URI address) {
        this.transport = transport;
        this.address = address;
    }

    static PullPointClient create(SoapTransport transport, URI events, Duration termination) {
        XmlElement rsp = transport.call(events, Ns.TEV + "/EventPortType/CreatePullPointSubscriptionRequest",
                "<tev:CreatePullPointSubscription><tev:InitialTerminationTime>" + duration(termination)
                        + "</tev:InitialTerminationTime></tev:CreatePullPointSubscription>").payload();
        String at = rsp.textAt("SubscriptionReference", "Address");
        if (at.isBlank()) {
            throw new OnvifException(OnvifException.Kind.BAD_RESPONSE,
                    "CreatePullPointSubscription answered no subscription address");
        }
        URI address = events.resolve(at);
        return new PullPointClient(transport, address);
    }

    public URI address() {
        return address;
    }

    /** Waits up to {@code wait} on the device for at most {@code limit} messages. */
    public List<OnvifEvent> pull(Duration wait, int limit) {
        XmlElement rsp = transport.call(address, PULL_ACTION, addressing(PULL_ACTION),
                "<tev:PullMessages><tev:Timeout>" + duration(wait) + "</tev:Timeout><tev:MessageLimit>" + limit
                        + "</tev:MessageLimit></tev:PullMessages>", wait.plusSeconds(5), true).payload();
        return OnvifEvent.parseAll(rsp, Instant.now());
    }

    public void renew(Duration termination) {
        String action = Ns.WSNT + "/SubscriptionManager/RenewRequest";
        transport.call(address, action, addressing(action), "<wsnt:Renew><wsnt:TerminationTime>"
                + duration(termination) + "</wsnt:TerminationTime></wsnt:Renew>", Duration.ofSeconds(5), true);
    }

    public void unsubscribe() {
        String action = Ns.WSNT + "/SubscriptionManager/UnsubscribeRequest";
        transport.call(address, action, addressing(action), "<wsnt:Unsubscribe/>", Duration.ofSeconds(5), true);
    }

    private String addressing(String action) {
        return "<wsa:Action>" + action + "</wsa:Action><wsa:To>" + XmlText.escape(address.toString()) + "</wsa:To>";
    }

    /** An xs:duration of whole seconds ({@code PT60S}). */
    static String duration(Duration d) {
        return "PT" + Math.max(1, d.toSeconds()) + "S";
    }
}
