package io.argus.onvif;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The recorded answers under {@code src/test/resources/fixtures} (origins in its README). */
public final class Fixtures {
    public static final List<String> ALL = List.of("agsh-GetDeviceInformation.xml", "agsh-GetStreamUri.xml",
            "agsh-GetPresets.xml", "agsh-PullMessages-empty.xml", "agsh-ProbeMatches.xml", "agsh-Fault.xml",
            "spec-Fault-NotAuthorized.xml", "spec-GetSystemDateAndTime.xml", "spec-GetProfiles-media1.xml",
            "spec-GetProfiles-media2.xml", "spec-GetServices.xml", "spec-GetCapabilities.xml",
            "spec-CreatePullPointSubscription.xml", "spec-PullMessages-motion.xml");

    private Fixtures() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
