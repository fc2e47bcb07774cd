package io.lers4j.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openapitools.codegen.CodegenConstants;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SDK still builds from the July 2020 document: a server that old must not leave a user unable to generate
 * the client. The generator runs with the settings of generated/pom.xml, read from that file so that they cannot
 * drift apart, and the result is compiled with the hand-written sources of generated/ and custom/.
 */
class GenerateFrom2020Test {

    @TempDir
    Path dir;

    @Test
    void theSdkBuildsFromThe2020Document() throws Exception {
        Path repo = TestFiles.repo();
        Map<String, String> plugin = new LinkedHashMap<>();
        Map<String, String> configOptions = new LinkedHashMap<>();
        readGeneratorConfiguration(repo.resolve("generated/pom.xml"), plugin, configOptions);
        assertEquals("lers4j-java", plugin.get("generatorName"), "generated/pom.xml changed shape");

        Path output = dir.resolve("generated");
        CodegenConfigurator configurator = new CodegenConfigurator()
                .setGeneratorName(plugin.get("generatorName"))
                .setLibrary(plugin.get("library"))
                .setInputSpec(TestFiles.resource("lers-v1-2020.swagger.json").toString())
                .setOutputDir(output.toString())
                .setTemplateDir(repo.resolve("generated/src/main/templates").toString())
                .setApiPackage(plugin.get("apiPackage"))
                .setModelPackage(plugin.get("modelPackage"))
                .setInvokerPackage(plugin.get("invokerPackage"))
                .setRemoveOperationIdPrefix(Boolean.parseBoolean(plugin.get("removeOperationIdPrefix")))
                .setValidateSpec(!Boolean.parseBoolean(plugin.get("skipValidateSpec")));
        configOptions.forEach(configurator::addAdditionalProperty);
        DefaultGenerator generator = new DefaultGenerator();
        generator.setGeneratorPropertyDefault(CodegenConstants.API_TESTS, plugin.get("generateApiTests"));
        generator.setGeneratorPropertyDefault(CodegenConstants.MODEL_TESTS, plugin.get("generateModelTests"));
        generator.setGeneratorPropertyDefault(CodegenConstants.API_DOCS, plugin.get("generateApiDocumentation"));
        generator.setGeneratorPropertyDefault(CodegenConstants.MODEL_DOCS, plugin.get("generateModelDocumentation"));
        generator.setGenerateMetadata(false);
        generator.opts(configurator.toClientOptInput()).generate();

        Path generatedJava = output.resolve(configOptions.getOrDefault("sourceFolder", "src/main/java"));
        // generated from the 2020 document indeed: no Nodes API yet, records still carry dataParameters
        assertFalse(Files.exists(generatedJava.resolve("io/lers4j/api/NodesApi.java")));
        assertTrue(Files.readString(generatedJava.resolve("io/lers4j/model/MeasurePointDataConsumptionRecord.java"))
                .contains("getDataParameters()"));
        // lers4j's own requests: all but the server time, which that document lacks, go through its operations
        String own = Files.readString(generatedJava.resolve("io/lers4j/invoker/OwnRequests.java"));
        assertTrue(own.contains("new io.lers4j.api.MeasurePointConsumptionApi(client).getConsumption("), own);
        assertTrue(own.contains(".dataTypes(dataType)"), "2020 takes one data type: " + own);
        assertTrue(own.contains("new io.lers4j.api.LoginApi(client).loginPlain()"), own);
        assertTrue(own.contains("missing.add(\"GET /api/v1/ServerInfo\")"), own);
        assertFalse(own.contains("missing.add(\"POST /api/v1/Login\")"), own);

        List<Path> sources = new ArrayList<>(javaFiles(generatedJava));
        sources.addAll(javaFiles(repo.resolve("generated/src/main/java")));  // LersDateTime
        sources.addAll(javaFiles(repo.resolve("custom/src/main/java")));     // whatever the client has today
        // the v0.1 API the client also reaches, as built from the repository's v0.1 document
        String classPath = classPathWithoutLers4j(repo) + File.pathSeparator + v01Classes(dir.resolve("v01-classes"));
        compile(sources, classPath, dir.resolve("classes"));
    }

    /**
     * The classes of io.lers4j.v01 from this test's lers4j-generated (a directory in a reactor build, a jar
     * otherwise), copied alone: the v1 classes beside them would stand in for what the 2020 sources lack.
     */
    private static Path v01Classes(Path target) throws IOException {
        String prefix = "io/lers4j/v01/";
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (Files.isDirectory(path.resolve(prefix))) {
                try (Stream<Path> files = Files.walk(path.resolve(prefix))) {
                    for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                        Path copy = target.resolve(path.relativize(f).toString());
                        Files.createDirectories(copy.getParent());
                        Files.copy(f, copy);
                    }
                }
                return target;
            }
            if (path.getFileName().toString().startsWith("lers4j-generated") && entry.endsWith(".jar")) {
                try (java.util.jar.JarFile jar = new java.util.jar.JarFile(path.toFile())) {
                    for (java.util.jar.JarEntry e : java.util.Collections.list(jar.entries())) {
                        if (e.getName().startsWith(prefix) && !e.isDirectory()) {
                            Path copy = target.resolve(e.getName());
                            Files.createDirectories(copy.getParent());
                            try (java.io.InputStream in = jar.getInputStream(e)) {
                                Files.copy(in, copy);
                            }
                        }
                    }
                }
                return target;
            }
        }
        throw new AssertionError("no lers4j-generated with io.lers4j.v01 on the class path");
    }

    /**
     * This test's class path without lers4j's own classes: the emulator brings lers4j-generated, built from the
     * current document, and its classes would stand in for anything the 2020 sources lack.
     */
    private static String classPathWithoutLers4j(Path repo) {
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry).toAbsolutePath().normalize();
            if (!path.startsWith(repo) && !path.getFileName().toString().startsWith("lers4j")) {
                kept.add(entry);
            }
        }
        assertTrue(kept.stream().anyMatch(e -> e.contains("okhttp")), "okhttp missing from " + kept);
        return String.join(File.pathSeparator, kept);
    }

    /**
     * The configuration of openapi-generator-maven-plugin in generated/pom.xml for the v1 document: the plugin's
     * shared configuration, then its {@code lers-v1} execution's.
     */
    private static void readGeneratorConfiguration(Path pom, Map<String, String> plugin,
                                                   Map<String, String> configOptions) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document xml = factory.newDocumentBuilder().parse(pom.toFile());
        NodeList plugins = xml.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if (!"openapi-generator-maven-plugin".equals(childText(p, "artifactId"))) {
                continue;
            }
            Element shared = child(p, "configuration");
            if (shared != null) {
                readConfiguration(shared, plugin, configOptions);
            }
            Element executions = child(p, "executions");
            for (Node n = executions == null ? null : executions.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element && "lers-v1".equals(childText((Element) n, "id"))) {
                    readConfiguration(child((Element) n, "configuration"), plugin, configOptions);
                    return;
                }
            }
            throw new AssertionError("no lers-v1 execution in " + pom);
        }
        throw new AssertionError("no openapi-generator-maven-plugin in " + pom);
    }

    private static void readConfiguration(Element configuration, Map<String, String> plugin,
                                          Map<String, String> configOptions) {
        for (Node n = configuration.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element)) {
                continue;
            }
            Element e = (Element) n;
            if ("configOptions".equals(e.getTagName())) {
                for (Node o = e.getFirstChild(); o != null; o = o.getNextSibling()) {
                    if (o instanceof Element) {
                        configOptions.put(((Element) o).getTagName(), o.getTextContent().strip());
                    }
                }
            } else {
                plugin.put(e.getTagName(), e.getTextContent().strip());
            }
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(((Element) n).getTagName())) {
                return (Element) n;
            }
        }
        return null;
    }

    private static String childText(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && tag.equals(((Element) n).getTagName())) {
                return n.getTextContent().strip();
            }
        }
        return null;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList());
        }
    }

    /** Compiles against the given class path, which has what the generated code imports. */
    private static void compile(List<Path> sources, String classPath, Path classes) throws IOException {
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", classPath,
                    "--release", "17", "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8");
            boolean ok = javac.getTask(null, files, diagnostics, options, null,
                    files.getJavaFileObjectsFromPaths(sources)).call();
            String errors = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                    .map(d -> (d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                            + d.getMessage(null))
                    .collect(Collectors.joining("\n"));
            assertTrue(ok && errors.isEmpty(), () -> "the SDK does not compile from the 2020 document:\n" + errors);
        }
    }
}
