package io.argus.onvif.xml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * An element read by {@link SafeXml}, navigated by local name: devices bind the same namespace to any prefix
 * ({@code tt:}, {@code ns2:}, {@code onvif:}), and ONVIF element names are unique enough within their parent that
 * matching the local name is what every client does. Immutable view; the DOM beneath is never handed out.
 */
public final class XmlElement {
    private final Element el;

    XmlElement(Element el) {
        this.el = el;
    }

    public String localName() {
        return el.getLocalName() != null ? el.getLocalName() : el.getTagName();
    }

    public String namespace() {
        return el.getNamespaceURI();
    }

    /** The trimmed text content (of every descendant), empty when none. */
    public String text() {
        String t = el.getTextContent();
        return t == null ? "" : t.trim();
    }

    /** An attribute by local name (any namespace), or empty. */
    public Optional<String> attr(String localName) {
        var attrs = el.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            String name = a.getLocalName() != null ? a.getLocalName() : a.getNodeName();
            if (name.equals(localName)) {
                return Optional.of(a.getNodeValue());
            }
        }
        return Optional.empty();
    }

    public List<XmlElement> children() {
        List<XmlElement> out = new ArrayList<>();
        for (Node n = el.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(new XmlElement(e));
            }
        }
        return out;
    }

    public List<XmlElement> children(String localName) {
        return children().stream().filter(c -> c.localName().equals(localName)).toList();
    }

    public Optional<XmlElement> child(String localName) {
        return children().stream().filter(c -> c.localName().equals(localName)).findFirst();
    }

    /** The element at the path of local names below this one, or empty. */
    public Optional<XmlElement> at(String... path) {
        Optional<XmlElement> cur = Optional.of(this);
        for (String p : path) {
            cur = cur.flatMap(c -> c.child(p));
        }
        return cur;
    }

    /** The text at the path below this one, or empty when there is no such element. */
    public Optional<String> optText(String... path) {
        return at(path).map(XmlElement::text);
    }

    /** The text at the path below this one, or {@code ""}. */
    public String textAt(String... path) {
        return optText(path).orElse("");
    }

    /** Every descendant (depth first, this one excluded) with the local name. */
    public List<XmlElement> descendants(String localName) {
        List<XmlElement> out = new ArrayList<>();
        var nodes = el.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(new XmlElement((Element) nodes.item(i)));
        }
        return out;
    }

    /** The namespace URI a {@code prefix:name} value (as in a fault code) binds its prefix to, or null. */
    public String namespaceOfPrefix(String prefix) {
        return el.lookupNamespaceURI(prefix.isEmpty() ? null : prefix);
    }

    @Override
    public String toString() {
        return "<" + localName() + ">";
    }
}
