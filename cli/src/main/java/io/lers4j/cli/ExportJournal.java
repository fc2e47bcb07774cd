package io.lers4j.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <out>.progress}, beside an export's output while the export is unfinished: which export it is,
 * where its header ends, and for each point whose records are all in the output, where they end.
 *
 * <pre>
 * # lers4j-cli export progress of out.csv: the points whose records are complete. Deleted when the export ends without failures.
 * consumption type=Hour from=2026-01-01T00:00 to=2026-02-01T00:00 format=csv separator=,
 * start 112
 * point 1001 744 51234
 * </pre>
 *
 * A point's line is written after its records have been flushed to the output, so a run that stops at any
 * moment leaves the output valid up to the last line's offset; {@code --resume} cuts the output there and
 * reads the other points.
 */
final class ExportJournal implements AutoCloseable {

    /** What the journal knew when it was read. */
    static final class State {
        final long end;
        final Map<Integer, Integer> completed;
        /** The journal's complete lines, without what a stopped run may have left of a last one. */
        final List<String> lines;

        State(long end, Map<Integer, Integer> completed, List<String> lines) {
            this.end = end;
            this.completed = Collections.unmodifiableMap(completed);
            this.lines = List.copyOf(lines);
        }
    }

    /** The journal does not fit the export or the output: resuming would mix or lose records. */
    static final class MismatchException extends Exception {
        private static final long serialVersionUID = 1L;

        MismatchException(String message) {
            super(message);
        }
    }

    private final Path path;
    private final BufferedWriter writer;

    private ExportJournal(Path path, BufferedWriter writer) {
        this.path = path;
        this.writer = writer;
    }

    static Path pathFor(Path output) {
        return output.resolveSibling(output.getFileName() + ".progress");
    }

    /** A new journal for an export whose header ends at {@code start}. */
    static ExportJournal create(Path path, String output, String identity, long start) {
        try {
            BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            w.write("# lers4j-cli export progress of " + output + ": the points whose records are complete."
                    + " Deleted when the export ends without failures.\n");
            w.write(identity + "\n");
            w.write("start " + start + "\n");
            w.flush();
            return new ExportJournal(path, w);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a journal this export wrote, checking that it is the same export and that the output is as long. */
    static State read(Path path, String identity, long outputSize) throws MismatchException {
        List<String> lines;
        try {
            String text = Files.readString(path, StandardCharsets.UTF_8);
            lines = new java.util.ArrayList<>(List.of(text.split("\n", -1)));
            // the last element is what follows the last newline: empty, or a line cut short when the run
            // stopped while writing it (its point is not complete, and its numbers may be cut too)
            lines.remove(lines.size() - 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        if (lines.size() < 3 || !lines.get(0).startsWith("# lers4j-cli export progress") || !lines.get(2).startsWith("start ")) {
            throw new MismatchException(path + " is not a progress file of lers4j-cli");
        }
        if (!lines.get(1).equals(identity)) {
            throw new MismatchException("the output was written by another export (" + lines.get(1) + "); this one is ("
                    + identity + "). Give the same archive, --type, --from, --to, --format and --separator, or start"
                    + " anew without --resume");
        }
        long end = parseLong(path, lines.get(2).substring("start ".length()));
        Map<Integer, Integer> completed = new LinkedHashMap<>();
        for (String line : lines.subList(3, lines.size())) {
            String[] f = line.split(" ");
            if (f.length != 4 || !f[0].equals("point")) {
                throw new MismatchException(path + " is damaged: '" + line + "'");
            }
            long offset = parseLong(path, f[3]);
            completed.put((int) parseLong(path, f[1]), (int) parseLong(path, f[2]));
            end = Math.max(end, offset);
        }
        if (outputSize < end) {
            throw new MismatchException("the output is " + outputSize + " bytes, shorter than the " + end
                    + " its progress file counts: it was changed since. Start anew without --resume");
        }
        return new State(end, completed, lines);
    }

    /**
     * Continues a journal read with {@link #read}: its complete lines are written anew (through a temporary
     * file, so they are never lost), then new points are appended.
     */
    static ExportJournal resume(Path path, State state) {
        try {
            Path temp = Files.createTempFile(path.toAbsolutePath().getParent(), ".lers4j-cli", ".progress");
            try {
                Files.writeString(temp, String.join("\n", state.lines) + "\n", StandardCharsets.UTF_8);
                Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new ExportJournal(path, Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Records that a point's records are all in the output, which is {@code end} bytes long now. */
    void completed(int measurePointId, int records, long end) {
        try {
            writer.write("point " + measurePointId + " " + records + " " + end + "\n");
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes and removes the journal: the export is complete. */
    void delete() {
        close();
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private static long parseLong(Path path, String text) throws MismatchException {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new MismatchException(path + " is damaged: '" + text + "' is not a number");
        }
    }
}
