package io.lers4j.tools;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What changed between two API documents, judged for lers4j users: a change is BREAKING when code written against
 * the client generated from the old document stops compiling or stops working with the new one.
 *
 * <p>The rendering is plain text, sorted, so that the same two documents always give the same report and tests can
 * assert whole lines:
 *
 * <pre>
 * GET /api/v1/Core/MeasurePoints  (MeasurePointsApi#getMeasurePoints)
 *   BREAKING    query GetDiagParams removed
 *               Java: option getDiagParams(Boolean) disappears
 * </pre>
 */
public final class ChangeReport {

    /** What a group of changes is about; the order of the constants is the order of the report. */
    public enum Kind {
        OPERATIONS("Operations"), OPERATION(""), MODELS("Models"), MODEL("model "), ENUM("enum ");

        private final String heading;

        Kind(String heading) {
            this.heading = heading;
        }
    }

    /** One line of the report. */
    public record Change(Kind kind, String subject, String text, boolean breaking, String java)
            implements Comparable<Change> {

        public Change {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(text, "text");
            java = java == null ? "" : java;
        }

        /** The report line of this change without the Java hint, e.g. {@code "BREAKING    query X removed"}. */
        public String line() {
            return (breaking ? "BREAKING  " : "compatible") + "  " + text;
        }

        private static final Comparator<Change> ORDER = Comparator.comparing(Change::kind)
                .thenComparing(Change::subject, ChangeReport::compareSubjects)
                .thenComparing(c -> !c.breaking())
                .thenComparing(Change::text)
                .thenComparing(Change::java);

        @Override
        public int compareTo(Change other) {
            return ORDER.compare(this, other);
        }
    }

    private static final int WIDTH = 110;
    private static final String INDENT = "  ";
    private static final String HINT_INDENT = "              ";

    private final String oldLabel;
    private final String newLabel;
    private final TreeSet<Change> changes = new TreeSet<>();
    private final Map<String, String> subjectTitles = new LinkedHashMap<>();

    public ChangeReport(String oldLabel, String newLabel) {
        this.oldLabel = oldLabel;
        this.newLabel = newLabel;
    }

    /** Adds a change; the same change found twice (a model used by several operations) is kept once. */
    public void add(Change change) {
        changes.add(change);
    }

    void add(Kind kind, String subject, String text, boolean breaking, String java) {
        add(new Change(kind, subject, text, breaking, java));
    }

    /** The heading shown for an operation subject, e.g. {@code "GET /x  (XApi#getX)"}. */
    void title(String subject, String title) {
        subjectTitles.put(subject, title);
    }

    /** Every change, in report order. */
    public List<Change> changes() {
        return new ArrayList<>(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public long breakingCount() {
        return changes.stream().filter(Change::breaking).count();
    }

    public long compatibleCount() {
        return changes.size() - breakingCount();
    }

    public boolean hasBreakingChanges() {
        return breakingCount() > 0;
    }

    /** The one-line summary, e.g. {@code "3 breaking, 12 compatible changes"}. */
    public String summary() {
        return breakingCount() + " breaking, " + compatibleCount() + " compatible changes";
    }

    /** The whole report as text, ending with the summary line and a newline. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("API changes from ").append(oldLabel).append('\n');
        sb.append("              to ").append(newLabel).append('\n');
        if (changes.isEmpty()) {
            sb.append("\nNo changes.\n");
        }
        String current = null;
        for (Change c : changes) {
            String heading = c.kind().heading + (c.kind() == Kind.OPERATIONS || c.kind() == Kind.MODELS ? ""
                    : subjectTitles.getOrDefault(c.subject(), c.subject()));
            if (!heading.equals(current)) {
                sb.append('\n').append(heading).append('\n');
                current = heading;
            }
            wrap(sb, INDENT + c.line(), HINT_INDENT);
            if (!c.java().isEmpty()) {
                wrap(sb, HINT_INDENT + "Java: " + c.java(), HINT_INDENT + "      ");
            }
        }
        sb.append('\n').append(summary()).append('\n');
        return sb.toString();
    }

    @Override
    public String toString() {
        return render();
    }

    /** Breaks long lines (enum value lists) after a comma or space; short lines pass unchanged. */
    private static void wrap(StringBuilder sb, String line, String continuation) {
        String rest = line;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(", ", WIDTH);
            int skip = 2;
            if (cut <= continuation.length()) {
                cut = rest.lastIndexOf(' ', WIDTH);
                skip = 1;
            }
            if (cut <= continuation.length()) {
                break;
            }
            sb.append(rest, 0, cut + (skip == 2 ? 1 : 0)).append('\n');
            rest = continuation + rest.substring(cut + skip);
        }
        sb.append(rest).append('\n');
    }

    /** Operation subjects ("GET /a/b") sort by path, then by the HTTP method's usual order. */
    private static int compareSubjects(String a, String b) {
        String[] pa = a.split(" ", 2);
        String[] pb = b.split(" ", 2);
        if (pa.length == 2 && pb.length == 2 && isMethod(pa[0]) && isMethod(pb[0])) {
            int byPath = pa[1].compareTo(pb[1]);
            return byPath != 0 ? byPath : Integer.compare(methodRank(pa[0]), methodRank(pb[0]));
        }
        return a.compareTo(b);
    }

    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH",
            "TRACE");

    private static boolean isMethod(String s) {
        return METHODS.contains(s);
    }

    private static int methodRank(String s) {
        return METHODS.indexOf(s);
    }
}
