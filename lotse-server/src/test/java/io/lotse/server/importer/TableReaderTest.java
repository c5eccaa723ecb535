package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSV, gzip-compressed CSV and Excel files, and refusing what is none of them. */
class TableReaderTest {

    @TempDir
    Path dir;

    /** What a read delivered. */
    private static final class Collected implements TableReader.Handler {
        TableReader.Info info;
        List<String> header;
        long headerLine;
        final List<Long> lines = new ArrayList<>();
        final List<List<String>> rows = new ArrayList<>();

        @Override
        public void header(TableReader.Info info, long line, List<String> header) {
            this.info = info;
            this.header = header;
            this.headerLine = line;
        }

        @Override
        public void row(long line, String[] cells) {
            lines.add(line);
            rows.add(List.of(cells));
        }
    }

    private Collected read(String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        Collected collected = new Collected();
        TableReader.read(file, TableReader.formatOf(name), collected);
        return collected;
    }

    private static byte[] bytes(String text, Charset charset) {
        return text.getBytes(charset);
    }

    @Test
    void aCommaSeparatedFileIsReadWithLineNumbers() throws IOException {
        Collected csv = read("c.csv", bytes("email,name\nada@example.org,Ada\n\"b@example.org\",\"Lovelace, Ada\"\n",
                StandardCharsets.UTF_8));
        assertThat(csv.header).containsExactly("email", "name");
        assertThat(csv.rows).containsExactly(List.of("ada@example.org", "Ada"), List.of("b@example.org", "Lovelace, Ada"));
        assertThat(csv.lines).containsExactly(2L, 3L);
        assertThat(csv.info.delimiter()).isEqualTo(",");
        assertThat(csv.info.encoding()).isEqualTo("UTF-8");
        assertThat(csv.info.decimalComma()).isFalse();
    }

    @Test
    void semicolonsAndTabsAreDetected() throws IOException {
        Collected semicolons = read("s.csv", bytes("E-Mail;Betrag\nada@example.org;1.234,56\n", StandardCharsets.UTF_8));
        assertThat(semicolons.info.delimiter()).isEqualTo(";");
        assertThat(semicolons.info.decimalComma()).isTrue();
        assertThat(semicolons.rows).containsExactly(List.of("ada@example.org", "1.234,56"));
        Collected tabs = read("t.csv", bytes("email\tname\nada@example.org\tAda, Countess\n", StandardCharsets.UTF_8));
        assertThat(tabs.info.delimiter()).isEqualTo("\\t");
        assertThat(tabs.rows).containsExactly(List.of("ada@example.org", "Ada, Countess"));
    }

    @Test
    void aByteOrderMarkIsDropped() throws IOException {
        byte[] withBom = bytes("\uFEFFE-Mail;Vorname\nada@example.org;Ädä\n", StandardCharsets.UTF_8);
        Collected csv = read("bom.csv", withBom);
        assertThat(csv.header).containsExactly("E-Mail", "Vorname");
        assertThat(csv.rows.get(0)).containsExactly("ada@example.org", "Ädä");
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsWindows1252() throws IOException {
        Collected csv = read("excel.csv", bytes("E-Mail;Nachname;Ort\nj@example.org;Müller;Köln – Süd €\n",
                Charset.forName("windows-1252")));
        assertThat(csv.info.encoding()).isEqualTo("windows-1252");
        assertThat(csv.rows.get(0)).containsExactly("j@example.org", "Müller", "Köln – Süd €");
    }

    @Test
    void utf16WithByteOrderMarkIsRead() throws IOException {
        Collected csv = read("unicode.txt", bytes("\uFEFFemail\tname\nada@example.org\tÄda\n", StandardCharsets.UTF_16LE));
        assertThat(csv.header).containsExactly("email", "name");
        assertThat(csv.rows.get(0)).containsExactly("ada@example.org", "Äda");
    }

    @Test
    void aGzipCompressedCsvIsRead() throws IOException {
        Path file = dir.resolve("orders.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("InvoiceNo,Quantity\n536365,6\n536366,-1\n".getBytes(StandardCharsets.UTF_8));
        }
        Collected csv = new Collected();
        TableReader.Info info = TableReader.read(file, TableReader.formatOf("orders.csv.gz"), csv);
        assertThat(info.format()).isEqualTo(TableReader.Format.CSV_GZ);
        assertThat(csv.rows).containsExactly(List.of("536365", "6"), List.of("536366", "-1"));
    }

    @Test
    void leadingBlankLinesAreSkippedAndBlankRowsInsideAreDelivered() throws IOException {
        Collected csv = read("blank.csv", bytes("\n\nemail,name\n\nada@example.org,Ada\n", StandardCharsets.UTF_8));
        assertThat(csv.headerLine).isEqualTo(3);
        assertThat(csv.lines).containsExactly(4L, 5L);
        assertThat(TableReader.blank(csv.rows.get(0).toArray(String[]::new))).isTrue();
    }

    @Test
    void aQuotedCellSpanningLinesCountsAsOneRow() throws IOException {
        Collected csv = read("multi.csv", bytes("email,note\na@example.org,\"two\nlines\"\nb@example.org,x\n",
                StandardCharsets.UTF_8));
        assertThat(csv.lines).containsExactly(2L, 4L);
        assertThat(csv.rows.get(0).get(1)).isEqualTo("two\nlines");
    }

    @Test
    void anExcelWorkbookIsReadWithDatesAndNumbersAsValues() throws IOException {
        Path file = dir.resolve("orders.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Bestellungen");
            Row header = sheet.createRow(0);
            String[] names = {"Bestellnummer", "Bestelldatum", "Kundennummer", "Preis", "Artikel"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy hh:mm"));
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(1001);
            row.createCell(1).setCellValue(LocalDateTime.of(2024, 12, 31, 14, 30));
            row.getCell(1).setCellStyle(date);
            row.createCell(2).setCellValue(17850.0);
            row.createCell(3).setCellValue(2.55);
            // column 4 left empty: a sparse row
            Row third = sheet.createRow(3);
            third.createCell(0).setCellValue("1002");
            third.createCell(4).setCellValue("Tasse");
            workbook.write(out);
        }
        Collected xlsx = new Collected();
        TableReader.Info info = TableReader.read(file, TableReader.formatOf("orders.xlsx"), xlsx);
        assertThat(info.format()).isEqualTo(TableReader.Format.XLSX);
        assertThat(xlsx.header).containsExactly("Bestellnummer", "Bestelldatum", "Kundennummer", "Preis", "Artikel");
        assertThat(xlsx.rows.get(0)).containsExactly("1001", "2024-12-31T14:30", "17850", "2.55");
        assertThat(xlsx.rows.get(1)).containsExactly("1002", "", "", "", "Tasse");
        assertThat(xlsx.lines).containsExactly(2L, 4L);
    }

    @Test
    void anEmptyFileIsAClearError() {
        assertThatThrownBy(() -> read("empty.csv", new byte[0])).isInstanceOf(ImportException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> read("blank.csv", bytes("\n \n", StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class).hasMessageContaining("no header row");
    }

    @Test
    void aBinaryFileIsAClearError() {
        byte[] binary = {1, 2, 0, 0, 5, 'a', 'b', 0, 7};
        assertThatThrownBy(() -> read("data.csv", binary)).isInstanceOf(ImportException.class)
                .hasMessageContaining("binary");
        assertThatThrownBy(() -> read("data.xlsx", binary)).isInstanceOf(ImportException.class)
                .hasMessageContaining("no Excel workbook");
        assertThatThrownBy(() -> read("data.csv.gz", bytes("a,b\n", StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class).hasMessageContaining("not gzip");
        assertThatThrownBy(() -> read("data.csv", new byte[] {'P', 'K', 3, 4, 0, 0}))
                .isInstanceOf(ImportException.class).hasMessageContaining(".xlsx");
        assertThatThrownBy(() -> read("old.csv", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0}))
                .isInstanceOf(ImportException.class).hasMessageContaining(".xls");
    }

    @Test
    void aDamagedWorkbookIsAClearError() {
        byte[] notReally = {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        assertThatThrownBy(() -> read("broken.xlsx", notReally)).isInstanceOf(ImportException.class)
                .hasMessageContaining("Excel");
    }

    @Test
    void unsupportedExtensionsAreClearErrors() {
        assertThatThrownBy(() -> TableReader.formatOf("report.pdf")).isInstanceOf(ImportException.class)
                .hasMessageContaining(".csv, .csv.gz and .xlsx");
        assertThatThrownBy(() -> TableReader.formatOf("old.xls")).isInstanceOf(ImportException.class)
                .hasMessageContaining("save it as .xlsx");
        assertThatThrownBy(() -> TableReader.formatOf(null)).isInstanceOf(ImportException.class)
                .hasMessageContaining("filename");
        assertThat(TableReader.formatOf("Export.CSV")).isEqualTo(TableReader.Format.CSV);
        assertThat(TableReader.formatOf("x.tsv")).isEqualTo(TableReader.Format.CSV);
    }

    @Test
    void aQuoteThatIsNeverClosedIsAClearErrorWithTheLine() {
        StringBuilder text = new StringBuilder("email,note\na@example.org,fine\nb@example.org,\"never closed\n");
        text.append("x".repeat(TableReader.MAX_ROW_CHARS + 200_000));
        assertThatThrownBy(() -> read("open.csv", bytes(text.toString(), StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class).hasMessageContaining("Line 3").hasMessageContaining("quotation mark")
                .hasMessageContaining("Nothing was imported");
    }

    @Test
    void malformedQuotingIsAClearErrorWithTheLine() {
        assertThatThrownBy(() -> read("bad.csv", bytes("email,note\na@example.org,\"open\n", StandardCharsets.UTF_8)))
                .isInstanceOf(ImportException.class).hasMessageContaining("line 2");
    }
}
