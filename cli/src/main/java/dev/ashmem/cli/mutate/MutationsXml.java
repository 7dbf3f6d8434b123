package dev.ashmem.cli.mutate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Reads PIT's XML report ({@code mutations.xml}): one {@code <mutation>} element per mutant. */
public final class MutationsXml {
    private MutationsXml() {}

    public static List<Mutant> read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IllegalArgumentException | IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    public static List<Mutant> read(InputStream in) throws IOException {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            var doc = factory.newDocumentBuilder().parse(in);
            var nodes = doc.getDocumentElement().getElementsByTagName("mutation");
            var out = new ArrayList<Mutant>(nodes.getLength());
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(mutant((Element) nodes.item(i)));
            }
            return out;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a PIT mutations.xml: " + e.getMessage(), e);
        }
    }

    private static Mutant mutant(Element e) {
        return new Mutant(text(e, "mutatedClass"), text(e, "mutatedMethod"), text(e, "methodDescription"),
                Integer.parseInt(text(e, "lineNumber")), text(e, "mutator"), numbers(e, "index"), numbers(e, "block"),
                text(e, "sourceFile"), text(e, "description"), Boolean.parseBoolean(e.getAttribute("detected")),
                e.getAttribute("status"));
    }

    private static String text(Element e, String tag) {
        var list = e.getElementsByTagName(tag);
        if (list.getLength() == 0) {
            throw new IllegalArgumentException("a <mutation> without <" + tag + ">");
        }
        return list.item(0).getTextContent().strip();
    }

    private static List<Integer> numbers(Element e, String tag) {
        var list = e.getElementsByTagName(tag);
        var out = new ArrayList<Integer>();
        for (int i = 0; i < list.getLength(); i++) {
            Node n = list.item(i);
            out.add(Integer.parseInt(n.getTextContent().strip()));
        }
        return List.copyOf(out);
    }
}
