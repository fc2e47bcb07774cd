package io.lers4j.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small, valid files in the report formats LERS offers: PDF, RTF, XLSX, XLS (SpreadsheetML), CSV. */
final class Documents {

    private Documents() {
    }

    /** A titled table: text cells are strings, numbers are doubles, missing values null. */
    static final class Table {
        final String title;
        final List<String> notes;
        final List<String> header;
        final List<List<Object>> rows = new ArrayList<>();

        Table(String title, List<String> notes, List<String> header) {
            this.title = title;
            this.notes = notes;
            this.header = header;
        }
    }

    static String format(Object cell, char decimalSeparator, int digits) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Double) {
            String s = String.format(Locale.ROOT, "%." + digits + "f", (Double) cell);
            return decimalSeparator == '.' ? s : s.replace('.', decimalSeparator);
        }
        return cell.toString();
    }

    // ------------------------------------------------------------------ CSV

    static byte[] csv(Table t) {
        StringBuilder s = new StringBuilder("\uFEFF");
        s.append(csvCell(t.title)).append("\r\n");
        for (String note : t.notes) {
            s.append(csvCell(note)).append("\r\n");
        }
        s.append(String.join(";", t.header.stream().map(Documents::csvCell).toArray(String[]::new))).append("\r\n");
        for (List<Object> row : t.rows) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(csvCell(format(cell, ',', 3)));
            }
            s.append(String.join(";", cells)).append("\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String csvCell(String v) {
        return v.contains(";") || v.contains("\"") || v.contains("\n") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }

    // ------------------------------------------------------------------ RTF

    static byte[] rtf(Table t) {
        StringBuilder s = new StringBuilder("{\\rtf1\\ansi\\ansicpg1251\\deff0{\\fonttbl{\\f0\\fswiss Arial;}}\\f0\\fs18\r\n");
        s.append("{\\b\\fs24 ").append(rtfText(t.title)).append("}\\par\r\n");
        for (String note : t.notes) {
            s.append(rtfText(note)).append("\\par\r\n");
        }
        s.append("\\par{\\b ").append(rtfText(String.join("\t", t.header)).replace("\t", "\\tab ")).append("}\\par\r\n");
        for (List<Object> row : t.rows) {
            List<String> cells = new ArrayList<>();
            for (Object cell : row) {
                cells.add(rtfText(format(cell, ',', 3)));
            }
            s.append(String.join("\\tab ", cells)).append("\\par\r\n");
        }
        return s.append("}").toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String rtfText(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            if (c == '\\' || c == '{' || c == '}') {
                s.append('\\').append(c);
            } else if (c < 128) {
                s.append(c);
            } else {
                s.append("\\u").append((int) (short) c).append('?');
            }
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ spreadsheets

    private static String xml(String v) {
        return v.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String column(int index) {
        StringBuilder s = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            s.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return s.toString();
    }

    static byte[] xlsx(Table t) {
        List<List<Object>> all = allRows(t);
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        for (int r = 0; r < all.size(); r++) {
            sheet.append("<row r=\"").append(r + 1).append("\">");
            List<Object> row = all.get(r);
            for (int c = 0; c < row.size(); c++) {
                Object cell = row.get(c);
                String ref = column(c) + (r + 1);
                if (cell instanceof Double) {
                    sheet.append("<c r=\"").append(ref).append("\"><v>").append(format(cell, '.', 6)).append("</v></c>");
                } else if (cell != null) {
                    sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(xml(cell.toString()))
                            .append("</t></is></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        return zip(new String[][]{
                {"[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                        + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                        + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                        + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                        + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
                        + "</Types>"},
                {"_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                        + "</Relationships>"},
                {"xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                        + "<sheets><sheet name=\"Ведомость\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
                {"xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
                        + "</Relationships>"},
                {"xl/worksheets/sheet1.xml", sheet.toString()}});
    }

    /** Excel 2003 XML (SpreadsheetML), which Excel opens as .xls. */
    static byte[] spreadsheetMl(Table t) {
        StringBuilder s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application progid=\"Excel.Sheet\"?>\n"
                + "<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\" "
                + "xmlns:ss=\"urn:schemas-microsoft-com:office:spreadsheet\">\n<Worksheet ss:Name=\"Ведомость\"><Table>\n");
        for (List<Object> row : allRows(t)) {
            s.append("<Row>");
            for (Object cell : row) {
                if (cell instanceof Double) {
                    s.append("<Cell><Data ss:Type=\"Number\">").append(format(cell, '.', 6)).append("</Data></Cell>");
                } else {
                    s.append("<Cell><Data ss:Type=\"String\">").append(cell == null ? "" : xml(cell.toString()))
                            .append("</Data></Cell>");
                }
            }
            s.append("</Row>\n");
        }
        return s.append("</Table></Worksheet>\n</Workbook>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static List<List<Object>> allRows(Table t) {
        List<List<Object>> all = new ArrayList<>();
        all.add(List.of(t.title));
        t.notes.forEach(n -> all.add(List.of(n)));
        all.add(new ArrayList<>(t.header));
        all.addAll(t.rows);
        return all;
    }

    // ------------------------------------------------------------------ PDF

    /**
     * A PDF with the table as monospaced text. The standard PDF fonts have no Cyrillic, so text is
     * transliterated; numbers and dates are as in the other formats.
     */
    static byte[] pdf(Table t) {
        List<String> lines = new ArrayList<>();
        lines.add(translit(t.title));
        t.notes.forEach(n -> lines.add(translit(n)));
        lines.add("");
        int[] widths = new int[t.header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(10, translit(t.header.get(i)).length());
        }
        for (List<Object> row : t.rows) {
            for (int i = 0; i < row.size() && i < widths.length; i++) {
                widths[i] = Math.min(40, Math.max(widths[i], translit(format(row.get(i), '.', 3)).length()));
            }
        }
        lines.add(pad(t.header.stream().map(Documents::translit).toArray(String[]::new), widths));
        for (List<Object> row : t.rows) {
            String[] cells = new String[row.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = translit(format(row.get(i), '.', 3));
            }
            lines.add(pad(cells, widths));
        }
        int perPage = 58;
        List<String> pages = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += perPage) {
            StringBuilder content = new StringBuilder("BT /F1 7 Tf 9 TL 28 565 Td\n");
            for (String line : lines.subList(from, Math.min(lines.size(), from + perPage))) {
                content.append('(').append(pdfText(line)).append(") Tj T*\n");
            }
            pages.add(content.append("ET\n").toString());
        }
        List<String> objects = new ArrayList<>();
        objects.add("<< /Type /Catalog /Pages 2 0 R >>");
        StringBuilder kids = new StringBuilder();
        for (int i = 0; i < pages.size(); i++) {
            kids.append(4 + 2 * i).append(" 0 R ");
        }
        objects.add("<< /Type /Pages /Kids [" + kids.toString().trim() + "] /Count " + pages.size() + " >>");
        objects.add("<< /Type /Font /Subtype /Type1 /BaseFont /Courier >>");
        for (int i = 0; i < pages.size(); i++) {
            objects.add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 842 595] /Resources << /Font << /F1 3 0 R >> >> "
                    + "/Contents " + (5 + 2 * i) + " 0 R >>");
            byte[] stream = pages.get(i).getBytes(StandardCharsets.US_ASCII);
            objects.add("<< /Length " + stream.length + " >>\nstream\n" + pages.get(i) + "endstream");
        }
        StringBuilder pdf = new StringBuilder("%PDF-1.4\n");
        List<Integer> offsets = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            offsets.add(pdf.length());
            pdf.append(i + 1).append(" 0 obj\n").append(objects.get(i)).append("\nendobj\n");
        }
        int xref = pdf.length();
        pdf.append("xref\n0 ").append(objects.size() + 1).append("\n0000000000 65535 f \n");
        for (int offset : offsets) {
            pdf.append(String.format(Locale.ROOT, "%010d 00000 n \n", offset));
        }
        pdf.append("trailer\n<< /Size ").append(objects.size() + 1).append(" /Root 1 0 R >>\nstartxref\n").append(xref)
                .append("\n%%EOF\n");
        return pdf.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static String pad(String[] cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i].length() > 40 ? cells[i].substring(0, 40) : cells[i];
            int w = i < widths.length ? widths[i] : c.length();
            s.append(c);
            s.append(" ".repeat(Math.max(1, w - c.length() + 1)));
        }
        return s.toString().stripTrailing();
    }

    private static String pdfText(String v) {
        return v.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)");
    }

    private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    private static final String[] LATIN = {"a", "b", "v", "g", "d", "e", "yo", "zh", "z", "i", "y", "k", "l", "m", "n",
            "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};

    static String translit(String v) {
        StringBuilder s = new StringBuilder();
        for (char c : v.toCharArray()) {
            int i = CYRILLIC.indexOf(Character.toLowerCase(c));
            if (i >= 0) {
                String l = LATIN[i];
                s.append(Character.isUpperCase(c) && !l.isEmpty() ? Character.toUpperCase(l.charAt(0)) + l.substring(1) : l);
            } else if (c == '№') {
                s.append("No.");
            } else if (c == '«' || c == '»') {
                s.append('"');
            } else if (c == '—' || c == '–') {
                s.append('-');
            } else if (c >= 32 && c < 127) {
                s.append(c);
            } else {
                s.append('?');
            }
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ archives

    static byte[] zip(String[][] entries) {
        List<Object[]> binary = new ArrayList<>();
        for (String[] e : entries) {
            binary.add(new Object[]{e[0], e[1].getBytes(StandardCharsets.UTF_8)});
        }
        return zipBytes(binary);
    }

    static byte[] zipBytes(List<Object[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8)) {
            for (Object[] e : entries) {
                ZipEntry entry = new ZipEntry((String) e[0]);
                entry.setTime(946684800000L); // fixed time: the same data gives the same bytes
                zip.putNextEntry(entry);
                zip.write((byte[]) e[1]);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Charset windows1251() {
        return Charset.forName("windows-1251");
    }
}
