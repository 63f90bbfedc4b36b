package dev.shmkit.magic;

import java.util.List;

/** Small HTML building blocks for result cards and tables. */
final class Html {
    private Html() {
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** A table with a header row; cells are escaped. */
    static String table(List<String> header, List<List<Object>> rows) {
        StringBuilder b = new StringBuilder("<table class=\"shmkit\"><thead><tr>");
        header.forEach(h -> b.append("<th>").append(esc(h)).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<Object> r : rows) {
            b.append("<tr>");
            r.forEach(c -> b.append("<td>").append(esc(c)).append("</td>"));
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
