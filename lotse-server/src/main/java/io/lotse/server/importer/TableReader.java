package io.lotse.server.importer;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.jspecify.annotations.Nullable;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;

/**
 * Reads the rows of a CSV ({@code .csv}, gzip-compressed {@code .csv.gz}) or Excel ({@code .xlsx}, first sheet)
 * file. The first non-empty row is the header. CSV files are UTF-8 with or without BOM (UTF-16 with BOM too),
 * and Windows-1252 when the bytes are not valid UTF-8; the delimiter ({@code ,} {@code ;} or tab) is the one the
 * header line uses most. Excel date cells arrive as ISO dates, numbers in plain notation.
 */
final class TableReader {

    /** The longest CSV row read; longer ones are nearly always a quote that is never closed. */
    static final int MAX_ROW_CHARS = 1_000_000;
    private static final int SNIFF_BYTES = 64 * 1024;

    enum Format {
        CSV("csv"), CSV_GZ("csv.gz"), XLSX("xlsx");

        final String label;

        Format(String label) {
            this.label = label;
        }
    }

    /**
     * What was found out about a file.
     *
     * @param format       the file format
     * @param encoding     the character encoding (CSV), {@code null} for Excel
     * @param delimiter    the CSV delimiter, {@code null} for Excel
     * @param decimalComma whether amounts are likely written with a decimal comma (semicolon or tab separated)
     */
    record Info(Format format, @Nullable String encoding, @Nullable String delimiter, boolean decimalComma) {}

    /** Receives the header, then every row; cells are untrimmed, rows may be shorter than the header. */
    interface Handler {
        void header(Info info, long line, List<String> header);

        void row(long line, String[] cells);
    }

    private TableReader() {}

    /** The format a file name says, or a clear error for anything else. */
    static Format formatOf(@Nullable String fileName) {
        if (fileName == null || fileName.isBlank()) {
            throw new ImportException("The file name is missing, so its format is unknown: upload it as a file, "
                    + "or pass ?filename=... (.csv, .csv.gz or .xlsx).");
        }
        String name = fileName.strip().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv.gz") || name.endsWith(".tsv.gz") || name.endsWith(".txt.gz")) {
            return Format.CSV_GZ;
        }
        if (name.endsWith(".csv") || name.endsWith(".tsv") || name.endsWith(".txt")) {
            return Format.CSV;
        }
        if (name.endsWith(".xlsx")) {
            return Format.XLSX;
        }
        if (name.endsWith(".xls")) {
            throw new ImportException("'" + fileName + "' is an old Excel .xls file, which Lotse does not read: "
                    + "save it as .xlsx or as CSV.");
        }
        throw new ImportException("'" + fileName + "' is no supported format: Lotse imports .csv, .csv.gz and "
                + ".xlsx files.");
    }

    static Info read(Path file, Format format, Handler handler) {
        byte[] head = head(file, SNIFF_BYTES);
        if (head.length == 0) {
            throw new ImportException("The file is empty.");
        }
        boolean gzip = head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B;
        boolean zip = head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        boolean ole = head.length >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF
                && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0;
        if (ole) {
            throw new ImportException("This is an old Excel .xls (or another Office) file, which Lotse does not "
                    + "read: save it as .xlsx or as CSV.");
        }
        if (format == Format.XLSX) {
            if (!zip) {
                throw new ImportException("The file is named .xlsx but is no Excel workbook.");
            }
            return readXlsx(file, handler);
        }
        if (zip) {
            throw new ImportException("The file is named ." + format.label + " but is a ZIP archive or Excel "
                    + "workbook: name it .xlsx if it is one.");
        }
        if (format == Format.CSV_GZ && !gzip) {
            throw new ImportException("The file is named .csv.gz but is not gzip-compressed.");
        }
        return readCsv(file, gzip ? Format.CSV_GZ : Format.CSV, handler);
    }

    // ---- CSV ----

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static Info readCsv(Path file, Format format, Handler handler) {
        boolean gzip = format == Format.CSV_GZ;
        try {
            byte[] head;
            try (InputStream in = open(file, gzip)) {
                head = in.readNBytes(SNIFF_BYTES);
            }
            Charset charset = charsetOf(file, gzip, head);
            try (InputStream in = open(file, gzip);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, charset), 1 << 16)) {
                reader.mark(1);
                if (reader.read() != '\uFEFF') {
                    reader.reset();
                }
                reader.mark(MAX_ROW_CHARS);
                String firstLine = firstNonBlankLine(reader);
                reader.reset();
                if (firstLine == null) {
                    throw new ImportException("The file is empty: it has no header row.");
                }
                char delimiter = delimiterOf(firstLine);
                Info info = new Info(format, charset.name(), delimiter == '\t' ? "\\t" : String.valueOf(delimiter),
                        delimiter != ',');
                parseCsv(reader, delimiter, info, handler);
                return info;
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ImportException("The gzip data are damaged or cut off: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Charset charsetOf(Path file, boolean gzip, byte[] head) throws IOException {
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        for (byte b : head) {
            if (b == 0) {
                throw new ImportException("This is a binary file, not CSV text: it contains NUL bytes.");
            }
        }
        try (InputStream in = open(file, gzip)) {
            return isUtf8(in) ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
        }
    }

    /** Whether a stream is valid UTF-8 from beginning to end. */
    static boolean isUtf8(InputStream in) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        boolean end = false;
        while (!end) {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                end = true;
            } else {
                bytes.position(bytes.position() + read);
            }
            bytes.flip();
            CoderResult result = decoder.decode(bytes, chars, end);
            if (result.isError()) {
                return false;
            }
            chars.clear();
            bytes.compact();
        }
        return !decoder.flush(chars).isError();
    }

    private static @Nullable String firstNonBlankLine(BufferedReader reader) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        int read = 0;
        while ((c = reader.read()) >= 0 && ++read < MAX_ROW_CHARS - 1) {
            if (c == '\n' || c == '\r') {
                if (!line.toString().isBlank()) {
                    return line.toString();
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        return line.toString().isBlank() ? null : line.toString();
    }

    /** The delimiter the header line uses most, outside quotes: comma, semicolon or tab; comma on a tie. */
    static char delimiterOf(String headerLine) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                switch (c) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> { }
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return ',';
    }

    private static void parseCsv(Reader reader, char delimiter, Info info, Handler handler) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false)
                .setTrailingData(true).get();
        RowLimit limited = new RowLimit(reader);
        try (CSVParser parser = CSVParser.builder().setReader(limited).setFormat(format).get()) {
            var records = parser.iterator();
            boolean headerSeen = false;
            long line = 1;
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    String cause = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
                    if (limited.exceeded) {
                        throw new ImportException("Line " + line + " starts a row of more than "
                                + MAX_ROW_CHARS + " characters, most likely a quotation mark that is never closed. "
                                + "Nothing was imported.", e);
                    }
                    throw new ImportException("The CSV file is malformed near line " + line + ": " + cause
                            + ". Nothing was imported.", e);
                }
                long start = line;
                line = parser.getCurrentLineNumber() + 1;
                limited.rowDone();
                String[] cells = record.values();
                if (!headerSeen) {
                    if (blank(cells)) {
                        continue;
                    }
                    headerSeen = true;
                    handler.header(info, start, Arrays.asList(cells));
                    continue;
                }
                handler.row(start, cells);
            }
            if (!headerSeen) {
                throw new ImportException("The file is empty: it has no header row.");
            }
        }
    }

    static boolean blank(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !cell.isBlank()) {
                return false;
            }
        }
        return true;
    }

    /** Fails the read when one row grows past {@link #MAX_ROW_CHARS}, counting what the parser has read. */
    private static final class RowLimit extends FilterReader {

        private long sinceRow;
        boolean exceeded;

        RowLimit(Reader in) {
            super(in);
        }

        void rowDone() {
            sinceRow = 0;
        }

        @Override
        public int read() throws IOException {
            int c = super.read();
            count(c < 0 ? 0 : 1);
            return c;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            sinceRow += n;
            // The parser reads ahead in blocks, so allow one block beyond the limit.
            if (sinceRow > MAX_ROW_CHARS + (1 << 16)) {
                exceeded = true;
                throw new IOException("row too long");
            }
        }
    }

    // ---- Excel ----

    private static Info readXlsx(Path file, Handler handler) {
        Info info = new Info(Format.XLSX, null, null, false);
        try (OPCPackage pkg = OPCPackage.open(file.toFile(), PackageAccess.READ)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            var sheets = reader.getSheetsData();
            if (!sheets.hasNext()) {
                throw new ImportException("The workbook has no sheet.");
            }
            SheetRows rows = new SheetRows(info, handler);
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(styles, null, strings, rows, new RawValues(), false));
                parser.parse(new InputSource(sheet));
            }
            if (!rows.headerSeen) {
                throw new ImportException("The first sheet of the workbook is empty: it has no header row.");
            }
            return info;
        } catch (ImportException e) {
            throw e;
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException
                 | org.apache.poi.openxml4j.exceptions.NotOfficeXmlFileException
                 | org.apache.poi.ooxml.POIXMLException e) {
            throw new ImportException("The file is no readable Excel workbook (.xlsx): " + e.getMessage(), e);
        } catch (Exception e) {
            if (e instanceof RuntimeException runtime && runtime.getCause() instanceof ImportException cause) {
                throw cause;
            }
            throw new ImportException("The Excel workbook could not be read: " + e.getMessage(), e);
        }
    }

    /** Rows of a sheet as cells by column, the first non-empty row being the header. */
    private static final class SheetRows implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final Info info;
        private final Handler handler;
        private final List<String> cells = new ArrayList<>();
        boolean headerSeen;

        SheetRows(Info info, Handler handler) {
            this.info = info;
            this.handler = handler;
        }

        @Override
        public void startRow(int rowNum) {
            cells.clear();
        }

        @Override
        public void endRow(int rowNum) {
            String[] row = cells.toArray(String[]::new);
            for (int i = 0; i < row.length; i++) {
                if (row[i] == null) {
                    row[i] = "";
                }
            }
            if (!headerSeen) {
                if (blank(row)) {
                    return;
                }
                headerSeen = true;
                handler.header(info, rowNum + 1L, Arrays.asList(row));
                return;
            }
            handler.row(rowNum + 1L, row);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            int column = reference == null ? cells.size() : new CellReference(reference).getCol();
            while (cells.size() <= column) {
                cells.add(null);
            }
            cells.set(column, value == null ? "" : value);
        }
    }

    /** Formats Excel numbers plainly ({@code 17850}, {@code 2.55}) and date cells as ISO dates. */
    static final class RawValues extends DataFormatter {

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString,
                                            boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime time = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                return time.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? time.toLocalDate().toString()
                        : time.toString();
            }
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                return String.valueOf(value);
            }
            return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        }
    }

    private static byte[] head(Path file, int bytes) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
