package io.lers4j.tools;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the tests find the repository and their fixtures. */
final class TestFiles {

    private TestFiles() {
    }

    /** The repository root: surefire runs in the module directory, tools/. */
    static Path repo() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isRegularFile(root.resolve("api-spec/lers-v1.swagger.json"))) {
            throw new IllegalStateException("not run from tools/ inside the lers4j repository: " + root);
        }
        return root;
    }

    /** The repository's current API document. */
    static Path currentSpec() {
        return repo().resolve("api-spec/lers-v1.swagger.json");
    }

    /** The repository's v0.1 document. */
    static Path currentV01Spec() {
        return repo().resolve("api-spec/lers-v0.1.swagger.json");
    }

    static Path resource(String name) {
        URL url = TestFiles.class.getResource("/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    /** A fixture document, labelled with its short name so that reports do not depend on where the build runs. */
    static SpecDocument doc(String resource) throws IOException, InvalidSpecException {
        return SpecDocument.parse(text(resource(resource)), resource);
    }
}
