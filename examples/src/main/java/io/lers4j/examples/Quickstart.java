package io.lers4j.examples;

import io.lers4j.LersClient;
import io.lers4j.model.GetNodeListResponseParameters;
import io.lers4j.model.MeasurePoint;
import io.lers4j.model.Node;
import io.lers4j.model.ServerInfo;

import java.io.PrintStream;
import java.util.List;
import java.util.stream.Collectors;

/** Server version, then every node (metered site) with its measure points. */
public final class Quickstart {

    public static void main(String[] args) {
        try (ExampleConnection connection = ExampleConnection.open()) {
            System.out.println("Connected to the " + connection.describe());
            run(connection.client(), System.out);
        }
    }

    public static void run(LersClient lers, PrintStream out) {
        ServerInfo info = lers.serverInfo().getVersion().execute();
        out.printf("LERS %s (build %d), server time %s%n%n", info.getVersion(), info.getBuild(),
                info.getServerTime().truncatedToSeconds());

        GetNodeListResponseParameters nodes = lers.nodes().getNodes().includeMeasurePoints(true).execute();
        List<MeasurePoint> points = nodes.getMeasurePoints() == null ? List.of() : nodes.getMeasurePoints();

        Table table = new Table("Node", "Title", "Address", "Point", "Measure point", "System").numeric(0, 3);
        for (Node node : nodes.getNodes()) {
            List<MeasurePoint> own = points.stream().filter(p -> node.getId().equals(p.getNodeId())).collect(Collectors.toList());
            if (own.isEmpty()) {
                table.row(node.getNumber(), node.getTitle(), node.getAddress(), "", "", "");
            }
            for (MeasurePoint p : own) {
                table.row(node.getNumber(), node.getTitle(), node.getAddress(), p.getId(), p.getTitle(), p.getSystemType());
            }
        }
        table.print(out);
        out.printf("%n%d nodes, %d measure points%n", nodes.getNodes().size(), points.size());
    }
}
