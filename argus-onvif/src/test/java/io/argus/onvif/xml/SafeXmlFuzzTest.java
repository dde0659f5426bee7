package io.argus.onvif.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.argus.onvif.Fixtures;
import io.argus.onvif.soap.Soap;
import io.argus.onvif.soap.SoapFault;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken XML fails with an {@link XmlException} that says why, never another exception, a hang, an
 * entity expansion or a file read: entity bombs, external entities, truncation through every recorded answer, random byte flips, documents too large and too deep.
 */
class SafeXmlFuzzTest {
    private final SafeXml xml = SafeXml.standard();

    @Test
    void billionLaughsIsRefusedAtTheDoctype() {
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">"
                + "<!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">]><lolz>&lol4;</lolz>";
        assertThatThrownBy(() -> xml.parse(bomb)).isInstanceOf(XmlException.class)
                .hasMessageContaining("document type declaration (DTD) is not allowed");
    }

    @Test
    void externalEntityIsNeverRead() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>";
        assertThatThrownBy(() -> xml.parse(xxe)).isInstanceOf(XmlException.class)
                .hasMessageContaining("DTD");
        String dtd = "<?xml version=\"1.0\"?><!DOCTYPE r SYSTEM \"http://127.0.0.1:1/x.dtd\"><r/>";
        assertThatThrownBy(() -> xml.parse(dtd)).isInstanceOf(XmlException.class).hasMessageContaining("DTD");
    }

    @Test
    void tooLargeIsRefusedBeforeParsing() {
        byte[] huge = new byte[XmlLimits.DEFAULT.maxBytes() + 1];
        Arrays.fill(huge, (byte) ' ');
        assertThatThrownBy(() -> xml.parse(huge)).isInstanceOf(XmlException.class)
                .hasMessage("XML of 1048577 bytes is larger than the limit of 1048576");
    }

    @Test
    void tooDeepIsRefused() {
        String deep = "<a>".repeat(65) + "</a>".repeat(65);
        assertThatThrownBy(() -> xml.parse(deep)).isInstanceOf(XmlException.class)
                .hasMessage("XML nested deeper than the limit of 64 elements");
        String ok = "<a>".repeat(64) + "</a>".repeat(64);
        assertThat(xml.parse(ok).localName()).isEqualTo("a");
        SafeXml shallow = new SafeXml(new XmlLimits(1 << 20, 3));
        assertThatThrownBy(() -> shallow.parse("<a><b><c><d/></c></b></a>")).isInstanceOf(XmlException.class)
                .hasMessageContaining("deeper than the limit of 3");
    }

    @Test
    void emptyAndGarbageAndHtml() {
        assertThatThrownBy(() -> xml.parse(new byte[0])).isInstanceOf(XmlException.class).hasMessage("empty XML document");
        assertThatThrownBy(() -> xml.parse("not xml")).isInstanceOf(XmlException.class)
                .hasMessageStartingWith("malformed XML at line 1");
        assertThatThrownBy(() -> xml.parse("<!DOCTYPE html><html><body>401</body></html>"))
                .isInstanceOf(XmlException.class).hasMessageContaining("DTD");
        // agsh/onvif's Error.xml as committed there: typographic quotes in the XML declaration.
        assertThatThrownBy(() -> xml.parse("<?xml version=\u201d1.0\u201d ?><a/>")).isInstanceOf(XmlException.class)
                .hasMessageStartingWith("malformed XML");
    }

    @Test
    void everyTruncationOfEveryFixtureFailsCleanly() {
        for (String name : Fixtures.ALL) {
            byte[] full = Fixtures.bytes(name);
            // Every byte of the first 96 (the prolog and the envelope), then a spread through the rest: every
            // byte of every fixture is 30 000 parses, half a minute of a shared core for no more coverage.
            for (int n = 0; n < full.length; n += n < 96 ? 1 : 23) {
                byte[] cut = Arrays.copyOf(full, n);
                assertCleanOutcome(cut, name + " cut at " + n);
            }
        }
    }

    @Test
    void randomByteFlipsFailCleanly() {
        Random random = new Random(20261207);
        for (String name : Fixtures.ALL) {
            byte[] full = Fixtures.bytes(name);
            for (int round = 0; round < 40; round++) {
                byte[] m = full.clone();
                for (int k = 0; k < 1 + random.nextInt(4); k++) {
                    m[random.nextInt(m.length)] = (byte) random.nextInt(256);
                }
                assertCleanOutcome(m, name + " mutated in round " + round);
            }
        }
    }

    /** Parses as SOAP: a result, an XmlException or a SoapFault are fine; anything else is a defect. */
    private void assertCleanOutcome(byte[] input, String what) {
        try {
            Soap.read(xml, input);
        } catch (XmlException e) {
            assertThat(e.getMessage()).as(what).isNotBlank();
        } catch (SoapFault f) {
            assertThat(f.getMessage()).as(what).isNotBlank();
        } catch (RuntimeException e) {
            throw new AssertionError(what + ": " + new String(input, StandardCharsets.UTF_8), e);
        }
    }
}
