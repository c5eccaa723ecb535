package io.lotse.server.importer;

/** A report's rejected rows and warnings as CSV: {@code line,outcome,reason,detail}. */
final class ReportCsv {

    private ReportCsv() {}

    static String of(ImportReport report) {
        StringBuilder csv = new StringBuilder(64 + 80 * (report.rejectedRows().size() + report.warningRows().size()));
        csv.append("line,outcome,reason,detail\n");
        for (Tally.RowIssue issue : report.rejectedRows()) {
            append(csv, issue, "rejected");
        }
        for (Tally.RowIssue issue : report.warningRows()) {
            append(csv, issue, "warning");
        }
        return csv.toString();
    }

    private static void append(StringBuilder csv, Tally.RowIssue issue, String outcome) {
        csv.append(issue.line()).append(',').append(outcome).append(',').append(issue.reason()).append(',');
        String detail = issue.detail();
        // Cells starting with = + - @ would be formulas in a spreadsheet.
        if (!detail.isEmpty() && "=+-@".indexOf(detail.charAt(0)) >= 0) {
            detail = "'" + detail;
        }
        csv.append('"').append(detail.replace("\"", "\"\"")).append("\"\n");
    }
}
