package io.lotse.server.importer;

import java.text.NumberFormat;
import java.util.Locale;
import java.util.Map;

/** A report as plain text for the command line: summary, mapping, first rows and the first rejected rows. */
final class ReportText {

    static final int REJECTED_SHOWN = 20;

    private ReportText() {}

    static String of(ImportReport report) {
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.ENGLISH);
        StringBuilder text = new StringBuilder(4096);
        text.append(report.summary()).append('\n');
        text.append("\nFile: ").append(report.format());
        if (report.encoding() != null) {
            text.append(", ").append(report.encoding()).append(", delimiter '").append(report.delimiter()).append('\'');
        }
        text.append("\n\nMapping (column -> field):\n");
        int width = report.mapping().stream().mapToInt(m -> m.get("column").length()).max().orElse(0);
        for (Map<String, String> column : report.mapping()) {
            text.append("  ").append(pad(column.get("column"), Math.min(width, 40))).append(" -> ")
                    .append(column.get("field")).append("  (").append(column.get("how")).append(")\n");
        }
        if (!report.preview().isEmpty()) {
            text.append("\nFirst rows as imported:\n");
            for (Tally.PreviewRow row : report.preview()) {
                text.append("  line ").append(row.line()).append("  ").append(row.outcome());
                if (row.reason() != null) {
                    text.append(" (").append(row.reason()).append(')');
                }
                text.append("  ").append(row.values()).append('\n');
            }
        }
        if (!report.rejectedByReason().isEmpty()) {
            text.append("\nRejected rows by reason:\n");
            report.rejectedByReason().forEach((reason, count) ->
                    text.append("  ").append(pad(reason, 36)).append(' ').append(n.format(count)).append('\n'));
            text.append("\nFirst rejected rows:\n");
            report.rejectedRows().stream().limit(REJECTED_SHOWN).forEach(issue -> text.append("  line ")
                    .append(issue.line()).append("  ").append(issue.reason()).append(": ").append(issue.detail())
                    .append('\n'));
            if (report.rejectedRows().size() > REJECTED_SHOWN) {
                text.append("  … and ").append(n.format(report.rejectedRows().size() - REJECTED_SHOWN))
                        .append(" more; --report FILE.csv lists them all\n");
            }
        }
        if (!report.warningsByReason().isEmpty()) {
            text.append("\nValues dropped from imported rows:\n");
            report.warningsByReason().forEach((reason, count) ->
                    text.append("  ").append(pad(reason, 36)).append(' ').append(n.format(count)).append('\n'));
        }
        if (report.dryRun()) {
            text.append("\nDry run: nothing was written.\n");
        }
        return text.toString();
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value : value + " ".repeat(width - value.length());
    }
}
