package io.lers4j.examples;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's promises about what it publishes, read from the poms: the BOM names every published
 * module at the parent's version, every module names its own Automatic-Module-Name, and the client
 * modules are Java 11.
 */
class PublishedArtifactsTest {

    private static final Path ROOT = Path.of("..");

    private static Element pom(String module) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document d = f.newDocumentBuilder().parse(ROOT.resolve(module).resolve("pom.xml").toFile());
        return d.getDocumentElement();
    }

    /** The text of a direct child, or null. */
    private static String child(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return n.getTextContent().trim();
            }
        }
        return null;
    }

    private static Element childElement(Element e, String name) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && n.getNodeName().equals(name)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static String property(Element pom, String name) {
        Element properties = childElement(pom, "properties");
        return properties == null ? null : child(properties, name);
    }

    private static List<String> modules() throws Exception {
        List<String> out = new ArrayList<>();
        NodeList list = childElement(pom("."), "modules").getElementsByTagName("module");
        for (int i = 0; i < list.getLength(); i++) {
            out.add(list.item(i).getTextContent().trim());
        }
        return out;
    }

    @Test
    void theBomManagesEveryPublishedModuleAtTheParentsVersionAndNothingElse() throws Exception {
        Element parent = pom(".");
        String version = child(parent, "version");
        Element bom = pom("bom");
        assertEquals(version, child(bom, "version"), "the BOM's version is the parent's");
        assertEquals(null, childElement(bom, "parent"), "the BOM has no parent, so it manages only lers4j");

        Set<String> published = new TreeSet<>();
        for (String module : modules()) {
            Element pom = pom(module);
            if (!module.equals("bom") && !"true".equals(property(pom, "maven.deploy.skip"))) {
                published.add(child(pom, "artifactId"));
            }
        }
        Set<String> managed = new TreeSet<>();
        NodeList deps = childElement(childElement(bom, "dependencyManagement"), "dependencies")
                .getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertEquals("io.lers4j", child(d, "groupId"));
            assertEquals("${project.version}", child(d, "version"));
            managed.add(child(d, "artifactId"));
        }
        assertEquals(published, managed);
    }

    @Test
    void everyModuleNamesItsOwnAutomaticModuleName() throws Exception {
        Set<String> names = new HashSet<>();
        for (String module : modules()) {
            if (!java.nio.file.Files.isDirectory(ROOT.resolve(module).resolve("src/main/java"))) {
                continue; // no jar: the BOM, the OkHttp 4 test module
            }
            String name = property(pom(module), "lers.module.name");
            assertNotNull(name, module + " sets lers.module.name");
            assertTrue(name.matches("io\\.lers4j(\\.[a-z][a-z0-9]*)*"), name);
            assertTrue(names.add(name), "unique: " + name);
        }
    }

    @Test
    void theClientModulesAreJava11() throws Exception {
        for (String module : List.of("custom", "generated")) {
            assertEquals("11", property(pom(module), "maven.compiler.release"), module);
        }
    }
}
