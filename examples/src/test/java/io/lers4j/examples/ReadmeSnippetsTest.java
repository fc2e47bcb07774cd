package io.lers4j.examples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ```java} block of the repository's Markdown files (README.md, emulator/README.md and any
 * other {@code *.md} at the root or in a module) is code of this module, so the build compiles it:
 * the block's lines must appear one after another in a file under {@code examples/src}, main or
 * test, with indentation and runs of spaces disregarded. Add a new block anywhere there (a method of
 * {@code readme.ReadmeSnippets}, or a test class in {@code src/test/java/.../readme} for a block that
 * is a test class).
 */
class ReadmeSnippetsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern FENCE_JAVA = Pattern.compile("^\\s*```java\\s*$");
    private static final Pattern FENCE_END = Pattern.compile("^\\s*```\\s*$");

    /** One {@code ```java} block: where it is and its lines, normalised, blank ones dropped. */
    record Snippet(String where, String firstLine, List<String> lines) {
    }

    /** One source file's lines, normalised, blank ones dropped, with their line numbers. */
    record Source(Path path, List<String> lines, List<Integer> numbers) {
    }

    static String normalise(String line) {
        return line.strip().replaceAll("\\s+", " ");
    }

    static List<Snippet> snippets(Path markdown) {
        List<String> text = read(markdown);
        List<Snippet> out = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            if (!FENCE_JAVA.matcher(text.get(i)).matches()) {
                continue;
            }
            int start = i + 1;
            List<String> lines = new ArrayList<>();
            String first = null;
            for (i = start; i < text.size() && !FENCE_END.matcher(text.get(i)).matches(); i++) {
                String line = normalise(text.get(i));
                if (!line.isEmpty()) {
                    lines.add(line);
                    first = first == null ? line : first;
                }
            }
            assertTrue(i < text.size(), ROOT.relativize(markdown) + ":" + start + ": a ```java block without its closing fence");
            out.add(new Snippet(ROOT.relativize(markdown).normalize() + ":" + start, first, lines));
        }
        return out;
    }

    static Source source(Path file) {
        List<String> lines = new ArrayList<>();
        List<Integer> numbers = new ArrayList<>();
        List<String> text = read(file);
        for (int i = 0; i < text.size(); i++) {
            String line = normalise(text.get(i));
            if (!line.isEmpty()) {
                lines.add(line);
                numbers.add(i + 1);
            }
        }
        return new Source(file, lines, numbers);
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Markdown files of the root and of each module (one level down), never build output. */
    static List<Path> markdownFiles() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 2)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).filter(ReadmeSnippetsTest::notBuildOutput)
                    .sorted().collect(Collectors.toList());
        }
    }

    private static boolean notBuildOutput(Path p) {
        for (Path part : ROOT.relativize(p)) {
            if (part.toString().equals("target") || part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    static List<Source> sources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src"))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().map(ReadmeSnippetsTest::source)
                    .collect(Collectors.toList());
        }
    }

    /** Null when {@code snippet} is in one of {@code sources}, else why not, naming the closest copy. */
    static String drift(Snippet snippet, List<Source> sources) {
        int best = -1;
        Source bestSource = null;
        int bestStart = 0;
        for (Source s : sources) {
            for (int start = 0; start < s.lines().size(); start++) {
                int k = 0;
                while (k < snippet.lines().size() && start + k < s.lines().size()
                        && snippet.lines().get(k).equals(s.lines().get(start + k))) {
                    k++;
                }
                if (k == snippet.lines().size()) {
                    return null;
                }
                if (k > best) {
                    best = k;
                    bestSource = s;
                    bestStart = start;
                }
            }
        }
        String head = snippet.where() + ": the ```java block starting `" + snippet.firstLine() + "` is not code of examples/src";
        if (best <= 0) {
            return head + "; add it there (see ReadmeSnippets)";
        }
        int at = bestStart + best;
        return head + "; its closest copy, examples/" + bestSource.path() + ":" + bestSource.numbers().get(bestStart)
                + ", differs at the block's line " + (best + 1) + ": README `" + snippet.lines().get(best) + "`, code `"
                + (at < bestSource.lines().size() ? bestSource.lines().get(at) : "(end of file)") + "`";
    }

    @Test
    void everyJavaBlockOfTheReadmesIsCompiledCode() throws IOException {
        List<Path> markdown = markdownFiles();
        assertTrue(markdown.contains(ROOT.resolve("README.md")), "the root README is found from " + Path.of("").toAbsolutePath());
        List<Snippet> snippets = new ArrayList<>();
        for (Path m : markdown) {
            snippets.addAll(snippets(m));
        }
        assertTrue(snippets.stream().filter(s -> s.where().startsWith("README.md:")).count() >= 8,
                "README.md's java blocks are found: " + snippets);
        List<Source> sources = sources();
        List<String> drifted = new ArrayList<>();
        for (Snippet s : snippets) {
            if (s.lines().isEmpty()) {
                drifted.add(s.where() + ": an empty ```java block");
                continue;
            }
            String why = drift(s, sources);
            if (why != null) {
                drifted.add(why);
            }
        }
        if (!drifted.isEmpty()) {
            fail(drifted.size() + " of " + snippets.size() + " README snippets are not compiled:\n" + String.join("\n", drifted));
        }
    }

    @Test
    void aSnippetThatDriftsIsReportedByItsFirstLineAndTheLineThatDiffers() {
        Source code = new Source(Path.of("Example.java"), List.of("class A {", "int a = 1;", "int b = 2;", "}"), List.of(1, 2, 3, 4));
        Snippet same = new Snippet("README.md:10", "int a = 1;", List.of(normalise("  int   a = 1;"), "int b = 2;"));
        Snippet changed = new Snippet("README.md:20", "int a = 1;", List.of("int a = 1;", "int b = 3;"));
        Snippet absent = new Snippet("README.md:30", "foo();", List.of("foo();"));

        assertEquals(null, drift(same, List.of(code)));
        assertEquals("README.md:20: the ```java block starting `int a = 1;` is not code of examples/src; its closest copy, "
                + "examples/Example.java:2, differs at the block's line 2: README `int b = 3;`, code `int b = 2;`", drift(changed, List.of(code)));
        assertEquals("README.md:30: the ```java block starting `foo();` is not code of examples/src; add it there (see ReadmeSnippets)",
                drift(absent, List.of(code)));
    }
}
