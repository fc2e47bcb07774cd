package io.lers4j.cli;

import io.lers4j.BulkRead;
import io.lers4j.LersClient;
import io.lers4j.PointResult;
import io.lers4j.model.DataParameter;
import io.lers4j.model.DeviceDataType;
import io.lers4j.model.MeasurePoint;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code export consumption|totals}: the archives of many points over one period into one file, read
 * with the client's bulk reader, each point's records written as one block when they have all arrived.
 */
@Command(name = "export", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Writes the archive records of measure points in [--from, --to) to CSV or JSON lines.",
                "Times are the server's local time, written with its offset."},
        footerHeading = "%n",
        footer = {
                "CSV: a header line, then measurePointId, dateTime and one column per",
                "parameter, each point's rows together. JSON lines: one object per record,",
                "with the values' flags (bad, calculated, interpolated, reset).",
                "",
                "While an export to a file is unfinished, <out>.progress beside it lists the",
                "points whose records are complete and where they end in the file. --resume",
                "cuts the file after the last of them and reads only the others. The progress",
                "file is deleted when the export ends with no point failed.",
                "",
                "Exit codes: 0 every point exported, 1 a point failed (they are listed at the",
                "end) or the export stopped, 2 wrong usage."})
final class ExportCommand implements Callable<Integer> {

    enum Archive { CONSUMPTION, TOTALS }

    enum Interval {
        HOUR(DeviceDataType.HOUR), DAY(DeviceDataType.DAY), MONTH(DeviceDataType.MONTH);

        final DeviceDataType dataType;

        Interval(DeviceDataType dataType) {
            this.dataType = dataType;
        }
    }

    enum Format { CSV, JSONL }

    /** Which points: exactly one of the three. */
    static final class Selection {
        @Option(names = "--points", split = ",", paramLabel = "ID", required = true,
                description = "These measure points, e.g. 1001,1002.")
        List<Integer> points;

        @Option(names = "--node", split = ",", paramLabel = "ID", required = true,
                description = "Every measure point of these nodes.")
        List<Integer> nodes;

        @Option(names = "--all", required = true, description = "Every measure point of the server.")
        boolean all;
    }

    private final Context context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "consumption|totals", description = "Consumption records, or totals (meter readings).")
    Archive archive;

    @ArgGroup(exclusive = true, multiplicity = "1", order = 1)
    Selection selection;

    @Option(names = "--type", paramLabel = "hour|day|month", order = 2,
            description = "Consumption records of hours (default), days or months; totals have no type.")
    Interval type;

    @Option(names = "--from", required = true, converter = LocalTimeConverter.class, paramLabel = "TIME", order = 3,
            description = "First time, server local: 2026-01-01 (midnight) or 2026-01-01T08:00.")
    LocalDateTime from;

    @Option(names = "--to", required = true, converter = LocalTimeConverter.class, paramLabel = "TIME", order = 4,
            description = "End of the period, not included: 2026-02-01 reads up to January 31st, 23:00.")
    LocalDateTime to;

    @Option(names = "--format", paramLabel = "csv|jsonl", order = 5,
            description = "Default: jsonl for an --out ending in .jsonl or .json, csv otherwise.")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", order = 6, description = "The file to write (default: standard output).")
    Path out;

    @Option(names = "--resume", order = 7,
            description = "Continue an unfinished export into --out: skip the points already complete in it.")
    boolean resume;

    @Option(names = "--parameters", split = ",", paramLabel = "NAME", order = 8,
            description = "CSV columns, e.g. T_in,T_out,Q_delta (default: the parameters the server lists for the points).")
    List<String> parameters;

    @Option(names = "--separator", paramLabel = "CHAR", defaultValue = ",", order = 9,
            description = "CSV field separator (default ','; ';' for a spreadsheet that wants it).")
    String separator;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", order = 10, description = "Points read at the same time (default 4).")
    int concurrency;

    @Option(names = {"-q", "--quiet"}, order = 11, description = "No progress bar and no summary; failures are still listed.")
    boolean quiet;

    @Mixin
    Connection connection;

    ExportCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        checkUsage();
        Format fmt = format != null ? format : defaultFormat();
        Path journalPath = out == null ? null : ExportJournal.pathFor(out);
        boolean resuming = resume && Files.exists(out);
        if (resume && !resuming && !quiet) {
            context.err.println("Nothing to resume: " + out + " does not exist yet; starting.");
        }
        if (resuming && !Files.exists(journalPath)) {
            throw usage("--resume: " + out + " has no progress file " + journalPath.getFileName() + ": its export"
                    + " ended without failures, or lers4j-cli did not write it. Leave out --resume to write it anew");
        }

        try (LersClient lers = connection.client(context)) {
            List<MeasurePoint> known = orEmpty(lers.measurePoints().getMeasurePoints().execute().getMeasurePoints());
            List<Integer> ids = selectedIds(known);
            ZoneOffset offset = lers.serverOffset();
            String identity = identity(fmt);

            ExportJournal.State state = null;
            if (resuming) {
                try {
                    state = ExportJournal.read(journalPath, identity, Files.size(out));
                } catch (ExportJournal.MismatchException e) {
                    throw usage("--resume: " + e.getMessage());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + out + ": " + e.getMessage(), e);
                }
            }
            RecordFormat recordFormat = fmt == Format.JSONL ? new RecordFormat.Jsonl(offset)
                    : new RecordFormat.Csv(offset, resuming ? columnsWritten(state) : columns(known, ids), separator);

            Set<Integer> done = state == null ? Set.of() : state.completed.keySet();
            List<Integer> todo = ids.stream().filter(id -> !done.contains(id)).collect(Collectors.toList());
            try (Output output = out == null ? Output.stdout(context) : Output.file(out, state == null ? 0 : state.end)) {
                ExportJournal journal = null;
                if (out != null) {
                    if (state == null) {
                        Files.deleteIfExists(journalPath);
                        output.write(recordFormat.header());
                        journal = ExportJournal.create(journalPath, out.getFileName().toString(), identity, output.flush());
                    } else {
                        journal = ExportJournal.resume(journalPath, state);
                    }
                } else {
                    output.write(recordFormat.header());
                }
                try {
                    return export(lers, ids, todo, recordFormat, output, journal);
                } finally {
                    if (journal != null) {
                        journal.close(); // the progress so far stays, for --resume
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    private int export(LersClient lers, List<Integer> ids, List<Integer> todo, RecordFormat format, Output output,
                       ExportJournal journal) {
        int skipped = ids.size() - todo.size();
        ProgressBar bar = context.progressBar && !quiet && !todo.isEmpty()
                ? new ProgressBar(context.err, System::nanoTime, ids.size(), skipped) : null;
        List<PointResult> failures = new ArrayList<>();
        long[] records = {0};
        int[] finished = {0};
        long started = System.nanoTime();
        if (!todo.isEmpty()) {
            BulkRead read = (archive == Archive.CONSUMPTION
                    ? lers.bulkConsumption(todo, (type == null ? Interval.HOUR : type).dataType, from, to)
                    : lers.bulkTotals(todo, from, to)).withConcurrency(concurrency);
            read.forEach(result -> {
                finished[0]++;
                if (result.isSuccess()) {
                    try {
                        format.write(output.writer(), result.measurePointId(), result.records());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + (out == null ? "the output" : out) + ": "
                                + e.getMessage(), e);
                    }
                    long end = output.flush();
                    if (journal != null) {
                        journal.completed(result.measurePointId(), result.records().size(), end);
                    }
                    records[0] += result.records().size();
                } else {
                    failures.add(result);
                }
                if (bar != null) {
                    bar.update(finished[0], failures.size());
                }
            });
        }
        if (bar != null) {
            bar.finish();
        }
        report(ids.size(), skipped, records[0], failures, format.omitted(), System.nanoTime() - started);
        if (journal != null && failures.isEmpty()) {
            journal.delete();
        }
        return failures.isEmpty() ? 0 : LersCli.FAILED;
    }

    private void report(int total, int skipped, long records, List<PointResult> failures, Map<String, Long> omitted,
                        long nanos) {
        if (!quiet) {
            context.err.printf(Locale.ROOT, "%d of %d points exported, %d records%s%s in %.1f s.%n", total - failures.size(),
                    total, records, skipped > 0 ? " (" + skipped + " were already complete)" : "",
                    out == null ? "" : " to " + out, nanos / 1e9);
        }
        if (!omitted.isEmpty()) {
            context.err.println("Left out, having no column: " + omitted.entrySet().stream()
                    .map(e -> e.getKey() + " (" + e.getValue() + " values)").collect(Collectors.joining(", "))
                    + ". Name the columns with --parameters, or use --format jsonl.");
        }
        if (!failures.isEmpty()) {
            context.err.println(failures.size() + " of " + total + " points failed"
                    + (out == null ? ":" : "; run the same command with --resume to read them again:"));
            for (PointResult f : failures) {
                context.err.println("  " + f.measurePointId() + ": " + f.error().map(LersCli::describe).orElse("failed"));
            }
        }
    }

    private void checkUsage() {
        if (archive == Archive.TOTALS && type != null) {
            throw usage("totals have no --type: they are meter readings at every hour");
        }
        if (!from.isBefore(to)) {
            throw usage("--from " + from + " must be before --to " + to);
        }
        if (resume && out == null) {
            throw usage("--resume needs --out: it continues a file");
        }
        if (concurrency < 1 || concurrency > 32) {
            throw usage("--concurrency is from 1 to 32, not " + concurrency);
        }
        if (separator.length() != 1 || separator.equals("\n") || separator.equals("\r") || separator.equals("\"")) {
            throw usage("--separator is one character such as , or ; not '" + separator + "'");
        }
        if (parameters != null && (format == Format.JSONL || format == null && defaultFormat() == Format.JSONL)) {
            throw usage("--parameters names CSV columns; JSON lines carry every parameter");
        }
    }

    private Format defaultFormat() {
        if (out != null) {
            String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".json")) {
                return Format.JSONL;
            }
        }
        return Format.CSV;
    }

    private String identity(Format fmt) {
        return archive.name().toLowerCase(Locale.ROOT)
                + (archive == Archive.CONSUMPTION ? " type=" + (type == null ? Interval.HOUR : type).dataType.getValue() : "")
                + " from=" + from + " to=" + to + " format=" + fmt.name().toLowerCase(Locale.ROOT)
                + (fmt == Format.CSV ? " separator=" + separator : "");
    }

    private List<Integer> selectedIds(List<MeasurePoint> known) {
        if (selection.points != null) {
            for (Integer id : selection.points) {
                if (id == null || id < 1) {
                    throw usage("--points are positive ids, not " + id);
                }
            }
            return new ArrayList<>(new LinkedHashSet<>(selection.points));
        }
        if (selection.all) {
            if (known.isEmpty()) {
                throw new IllegalStateException("the server lists no measure points");
            }
            return known.stream().map(MeasurePoint::getId).distinct().collect(Collectors.toList());
        }
        List<Integer> ids = new ArrayList<>();
        for (Integer node : selection.nodes) {
            List<Integer> own = known.stream().filter(p -> node.equals(p.getNodeId())).map(MeasurePoint::getId)
                    .collect(Collectors.toList());
            if (own.isEmpty()) {
                throw new IllegalStateException("node " + node + " has no measure points (or there is no such node)");
            }
            ids.addAll(own);
        }
        return new ArrayList<>(new LinkedHashSet<>(ids));
    }

    /** --parameters as given, or every parameter the server lists for the chosen points, in a stable order. */
    private List<DataParameter> columns(List<MeasurePoint> known, List<Integer> ids) {
        if (parameters != null) {
            List<DataParameter> named = new ArrayList<>();
            for (String name : parameters) {
                if (!name.isBlank()) {
                    named.add(DataParameter.fromValue(name.trim()));
                }
            }
            if (named.isEmpty()) {
                throw usage("--parameters names no parameter");
            }
            return List.copyOf(new LinkedHashSet<>(named));
        }
        Set<Integer> chosen = Set.copyOf(ids);
        List<DataParameter> listed = new ArrayList<>();
        for (MeasurePoint p : known) {
            if (chosen.contains(p.getId()) && p.getSelectedParamsList() != null) {
                listed.addAll(p.getSelectedParamsList());
            }
        }
        List<DataParameter> columns = RecordFormat.ordered(listed);
        if (columns.isEmpty()) {
            throw usage("the server lists no parameters for these points: name the CSV columns with --parameters"
                    + " T_in,T_out,... or use --format jsonl");
        }
        return columns;
    }

    /** The columns of the header the first run wrote; --parameters, if given again, must name the same. */
    private List<DataParameter> columnsWritten(ExportJournal.State state) {
        String header;
        try (FileChannel ch = FileChannel.open(out, StandardOpenOption.READ)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(state.end, 1 << 20));
            while (buffer.hasRemaining() && ch.read(buffer) > 0) {
                // read the header, at most a megabyte
            }
            header = new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + out + ": " + e.getMessage(), e);
        }
        int newline = header.indexOf('\n');
        List<DataParameter> columns = newline < 0 ? null : RecordFormat.Csv.columnsOf(header.substring(0, newline), separator);
        if (columns == null) {
            throw usage("--resume: " + out + " does not start with the CSV header lers4j-cli writes");
        }
        if (parameters != null) {
            List<DataParameter> named = parameters.stream().map(String::trim).filter(s -> !s.isEmpty())
                    .map(DataParameter::fromValue).distinct().collect(Collectors.toList());
            if (!named.equals(columns)) {
                throw usage("--resume: " + out + " has the columns " + columns + ", not " + named);
            }
        }
        return columns;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Where the records go, and how far the file is written. */
    abstract static class Output implements AutoCloseable {
        abstract Writer writer();

        void write(String text) throws IOException {
            writer().write(text);
        }

        /** Flushes what was written and returns the file's length (0 for standard output). */
        abstract long flush();

        @Override
        public abstract void close() throws IOException;

        static Output stdout(Context context) {
            Writer w = new BufferedWriter(new OutputStreamWriter(context.out, StandardCharsets.UTF_8), 1 << 16);
            return new Output() {
                @Override
                Writer writer() {
                    return w;
                }

                @Override
                long flush() {
                    try {
                        w.flush();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write the output: " + e.getMessage(), e);
                    }
                    return 0;
                }

                @Override
                public void close() {
                    flush(); // standard output itself stays open
                }
            };
        }

        /** The file, cut to {@code keep} bytes (nothing when writing anew) and written from there. */
        static Output file(Path path, long keep) throws IOException {
            FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            channel.truncate(keep);
            channel.position(keep);
            Writer w = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8),
                    1 << 16);
            return new Output() {
                @Override
                Writer writer() {
                    return w;
                }

                @Override
                long flush() {
                    try {
                        w.flush();
                        return channel.position();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
                    }
                }

                @Override
                public void close() throws IOException {
                    w.close();
                }
            };
        }
    }

    /** {@code 2026-01-01} (midnight) or {@code 2026-01-01T08:00[:00]}. */
    static final class LocalTimeConverter implements ITypeConverter<LocalDateTime> {
        @Override
        public LocalDateTime convert(String value) {
            try {
                return value.contains("T") ? LocalDateTime.parse(value) : LocalDate.parse(value).atStartOfDay();
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not a date (2026-01-31) or a time (2026-01-31T08:00)");
            }
        }
    }
}
