package io.lers4j.cli;

import io.lers4j.LersClient;
import io.lers4j.model.DataParameter;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code nodes} and {@code points}: what there is to export, as a table or CSV. */
final class ListCommands {

    enum Format { TABLE, CSV }

    private ListCommands() {
    }

    @Command(name = "nodes", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Lists the nodes (metered sites): id, number, type, how many measure points, title, address.")
    static final class Nodes implements Callable<Integer> {
        private final Context context;

        @Option(names = "--format", paramLabel = "table|csv", defaultValue = "table", description = "Default: table.")
        Format format;

        @Mixin
        Connection connection;

        Nodes(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (LersClient lers = connection.client(context)) {
                GetNodeListResponseParameters answer = lers.nodes().getNodes().includeMeasurePoints(true).execute();
                Map<Integer, Long> points = orEmpty(answer.getMeasurePoints()).stream()
                        .filter(p -> p.getNodeId() != null)
                        .collect(Collectors.groupingBy(MeasurePoint::getNodeId, Collectors.counting()));
                Table table = new Table("id", "number", "type", "points", "title", "address");
                for (Node n : orEmpty(answer.getNodes())) {
                    table.row(n.getId(), n.getNumber(), n.getType(), points.getOrDefault(n.getId(), 0L), n.getTitle(),
                            n.getAddress());
                }
                table.print(context.out, format);
                return 0;
            }
        }
    }

    @Command(name = "points", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Lists the measure points: id, node, system, type, title and the parameters the server lists"
                    + " for each (the CSV columns of an export).")
    static final class Points implements Callable<Integer> {
        private final Context context;

        @Option(names = "--node", split = ",", paramLabel = "ID", description = "Only the points of these nodes.")
        List<Integer> nodes;

        @Option(names = "--format", paramLabel = "table|csv", defaultValue = "table", description = "Default: table.")
        Format format;

        @Mixin
        Connection connection;

        Points(Context context) {
            this.context = context;
        }

        @Override
        public Integer call() {
            try (LersClient lers = connection.client(context)) {
                Table table = new Table("id", "node", "system", "type", "title", "parameters");
                for (MeasurePoint p : orEmpty(lers.measurePoints().getMeasurePoints().execute().getMeasurePoints())) {
                    if (nodes == null || nodes.contains(p.getNodeId())) {
                        table.row(p.getId(), p.getNodeId(), p.getSystemType(), p.getType(), p.getTitle(),
                                RecordFormat.ordered(orEmpty(p.getSelectedParamsList())).stream()
                                        .map(DataParameter::getValue).collect(Collectors.joining(" ")));
                    }
                }
                table.print(context.out, format);
                return 0;
            }
        }
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Columns padded to their widest cell, numbers to the right; or CSV, quoted where needed. */
    static final class Table {
        private final String[] header;
        private final List<Object[]> rows = new ArrayList<>();

        Table(String... header) {
            this.header = header;
        }

        void row(Object... cells) {
            rows.add(cells);
        }

        void print(PrintStream out, Format format) {
            Function<Object, String> text = c -> c == null ? "" : c.toString();
            if (format == Format.CSV) {
                out.println(String.join(",", header));
                for (Object[] row : rows) {
                    List<String> cells = new ArrayList<>();
                    for (Object c : row) {
                        cells.add(csv(text.apply(c)));
                    }
                    out.println(String.join(",", cells));
                }
                return;
            }
            int[] width = new int[header.length];
            boolean[] numeric = new boolean[header.length];
            for (int i = 0; i < header.length; i++) {
                width[i] = header[i].length();
                numeric[i] = !rows.isEmpty();
            }
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    width[i] = Math.max(width[i], text.apply(row[i]).length());
                    numeric[i] &= row[i] == null || row[i] instanceof Number;
                }
            }
            out.println(line(header, width, numeric, text));
            for (Object[] row : rows) {
                out.println(line(row, width, numeric, text));
            }
        }

        private static String line(Object[] cells, int[] width, boolean[] numeric, Function<Object, String> text) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                String cell = text.apply(cells[i]);
                String pad = " ".repeat(width[i] - cell.length());
                if (i > 0) {
                    line.append("  ");
                }
                line.append(numeric[i] ? pad + cell : i == cells.length - 1 ? cell : cell + pad);
            }
            return line.toString();
        }

        private static String csv(String cell) {
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                return "\"" + cell.replace("\"", "\"\"") + "\"";
            }
            return cell;
        }
    }
}
