package io.argus.onvif.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Parses XML that came from the network into a DOM, hardened as the OWASP XXE sheet asks: a DOCTYPE is refused
 * outright (no DTD means no entity of any kind, so no billion-laughs and no external entity can be declared), external
 * DTDs and schemas are never fetched, XInclude is off, secure processing is on. The size is checked before parsing
 * and the depth by the JDK's own limit, and again over the tree (a parser without that property is still bounded).
 * SOAP never needs a DTD (SOAP 1.2 Part 1 §5: "The XML infoset of a SOAP message MUST NOT contain a document type
 * declaration information item").
 */
public final class SafeXml {
    private final XmlLimits limits;
    private final DocumentBuilderFactory factory;

    public SafeXml(XmlLimits limits) {
        this.limits = limits;
        this.factory = factory(limits);
    }

    /** A parser with {@link XmlLimits#DEFAULT}. */
    public static SafeXml standard() {
        return new SafeXml(XmlLimits.DEFAULT);
    }

    public XmlElement parse(String xml) {
        return parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The document element of {@code xml}. */
    public XmlElement parse(byte[] xml) {
        if (xml.length > limits.maxBytes()) {
            throw new XmlException("XML of " + xml.length + " bytes is larger than the limit of " + limits.maxBytes());
        }
        if (xml.length == 0) {
            throw new XmlException("empty XML document");
        }
        Document doc;
        try {
            DocumentBuilder b = factory.newDocumentBuilder();
            b.setErrorHandler(new DefaultHandler());
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity " + systemId + " refused");
            });
            doc = b.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            if (String.valueOf(e.getMessage()).contains("maxElementDepth")) {
                throw tooDeep();
            }
            throw new XmlException("malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + reason(e), e);
        } catch (SAXException e) {
            throw new XmlException("malformed XML: " + reason(e), e);
        } catch (IOException e) {
            throw new XmlException("unreadable XML: " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's parser refused its hardening", e);
        }
        Element root = doc.getDocumentElement();
        checkDepth(root);
        return new XmlElement(root);
    }

    private XmlException tooDeep() {
        return new XmlException("XML nested deeper than the limit of " + limits.maxDepth() + " elements");
    }

    private static String reason(SAXException e) {
        String m = e.getMessage();
        if (m != null && m.contains("DOCTYPE")) {
            return "a document type declaration (DTD) is not allowed";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /** Walks the tree without recursion: a too-deep tree must not exhaust the stack of the check meant to catch it. */
    private void checkDepth(Element root) {
        Node n = root;
        int depth = 1;
        while (n != null) {
            if (depth > limits.maxDepth()) {
                throw tooDeep();
            }
            if (n.getFirstChild() != null) {
                n = n.getFirstChild();
                depth++;
                continue;
            }
            while (n != null && n.getNextSibling() == null) {
                n = n.getParentNode();
                depth--;
                if (n == root) {
                    return;
                }
            }
            if (n != null) {
                n = n.getNextSibling();
            }
        }
    }

    private static DocumentBuilderFactory factory(XmlLimits limits) {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setIgnoringComments(true);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's parser lacks a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setAttribute("jdk.xml.maxElementDepth", String.valueOf(limits.maxDepth()));
        return f;
    }
}
