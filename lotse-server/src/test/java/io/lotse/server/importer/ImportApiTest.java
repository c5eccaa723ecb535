package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.BrowserSession;
import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The import API against the running server: profiles appear, re-imports and dry runs change nothing. */
@LotseServerTest
class ImportApiTest {

    @LocalServerPort
    int port;

    private ServerClient client;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void connect() {
        client = new ServerClient(port);
    }

    private String email(String name) {
        return name + "-" + run + "@example.org";
    }

    private static final String BOUNDARY = "----lotse-test-boundary";

    private static byte[] multipart(String fileName, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** Uploads a file as a multipart form, as the browser and curl -F do. */
    private Response upload(String query, String fileName, byte[] content) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/imports?" + query))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(fileName, content))).build());
    }

    /** Sends a file as the raw body, as ./lotse import does. */
    private Response raw(String query, byte[] content) {
        return client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/imports?" + query))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)).build());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private JsonNode ok(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();
        assertThat(report.path("rows").asLong()).as("every row accounted for").isEqualTo(
                report.path("imported").asLong() + report.path("merged").asLong() + report.path("rejected").asLong());
        return report;
    }

    private JsonNode awaitProfile(String param, String value) {
        return ServerClient.eventually(() -> {
            Response response = client.get("/api/v1/profiles?" + param + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            return response.status() == 200 ? response.json() : null;
        });
    }

    private static void assertProblem(Response response, String detail) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("status").asInt()).isEqualTo(400);
        assertThat(response.json().path("detail").asString()).contains(detail);
    }

    @Test
    void aContactsImportCreatesProfilesAndReimportingChangesNothing() {
        byte[] file = utf8("E-Mail;Vorname;Nachname;Telefon;Newsletter-Einwilligung\n"
                + email("ada") + ";Ada;Lovelace;0151 2345" + run.hashCode() % 1000 + "6789;ja\n"
                + email("grace") + ";Grace;Hopper;;nein\n"
                + "kaputt(at)example.org;Bad;Row;;\n");
        JsonNode first = ok(upload("kind=contacts", "kontakte.csv", file));
        assertThat(first.path("imported").asLong()).isEqualTo(2);
        assertThat(first.path("rejected").asLong()).isEqualTo(1);
        assertThat(first.path("rejectedRows").get(0).path("line").asLong()).isEqualTo(4);
        assertThat(first.path("rejectedRows").get(0).path("reason").asString()).isEqualTo("invalid_email");
        assertThat(first.path("events").path("stored").asLong()).isEqualTo(2);
        assertThat(first.path("id").asLong()).isPositive();

        JsonNode ada = awaitProfile("email", email("ada"));
        assertThat(ada.path("traits").path("firstName").asString()).isEqualTo("Ada");
        assertThat(ada.path("consents").path("newsletter").path("granted").asBoolean()).isTrue();
        JsonNode grace = awaitProfile("email", email("grace"));
        assertThat(grace.path("consents").path("newsletter").path("granted").asBoolean(true)).isFalse();

        JsonNode again = ok(upload("kind=contacts", "kontakte.csv", file));
        assertThat(again.path("events").path("stored").asLong()).isZero();
        assertThat(again.path("events").path("alreadyInLog").asLong()).isEqualTo(2);
        assertThat(again.path("merged").asLong()).isEqualTo(2);
        assertThat(awaitProfile("email", email("ada")).path("stats").path("events").asLong()).isEqualTo(1);
    }

    @Test
    void aDryRunShowsTheMappingAndFirstRowsAndStoresNothing() {
        byte[] file = utf8("Mail,First Name,Kd-Nr\n" + email("dry") + ",Dora,k-" + run + "\n");
        JsonNode report = ok(upload("kind=contacts&dryRun=true&map=Kd-Nr%3Dcustomer_id", "dry.csv", file));
        assertThat(report.path("dryRun").asBoolean()).isTrue();
        assertThat(report.path("id").isNull()).isTrue();
        assertThat(report.path("events").path("built").asLong()).isEqualTo(1);
        assertThat(report.path("events").path("stored").asLong()).isZero();
        assertThat(report.path("mapping").get(0).path("field").asString()).isEqualTo("email");
        assertThat(report.path("mapping").get(2).path("field").asString()).isEqualTo("customer_id");
        assertThat(report.path("mapping").get(2).path("how").asString()).isEqualTo("override");
        assertThat(report.path("preview").get(0).path("values").path("userId").asString()).isEqualTo("k-" + run);
        assertThat(report.path("preview").get(0).path("values").path("traits").path("firstName").asString())
                .isEqualTo("Dora");
        assertThat(report.path("previewEvents").get(0).path("type").asString()).isEqualTo("identify");

        assertThat(client.get("/api/v1/profiles?userId=k-" + run).status()).isEqualTo(404);
        assertThat(client.get("/api/v1/imports").body()).doesNotContain("k-" + run).doesNotContain("dry.csv");
    }

    @Test
    void duplicatesInTheFileAndAgainstExistingProfilesMerge() {
        String tracked = email("tracked");
        Response sent = client.track("/v1/identify", """
                {"userId":"u-%s","traits":{"email":"%s","name":"Tracked"}}""".formatted(run, tracked));
        assertThat(sent.status()).isEqualTo(200);
        JsonNode before = awaitProfile("userId", "u-" + run);

        byte[] file = utf8("email,city\n" + tracked.toUpperCase() + ",Köln\n" + email("twice") + ",Bonn\n"
                + " " + email("twice") + " ,Berlin\n");
        JsonNode report = ok(upload("kind=contacts", "dupes.csv", file));
        assertThat(report.path("imported").asLong()).isEqualTo(1);
        assertThat(report.path("merged").asLong()).isEqualTo(2);

        JsonNode merged = ServerClient.eventually(() -> {
            JsonNode profile = awaitProfile("email", tracked);
            return profile.path("traits").path("address").path("city").asString("").equals("Köln") ? profile : null;
        });
        assertThat(merged.path("id").asLong()).isEqualTo(before.path("id").asLong());
        JsonNode twice = ServerClient.eventually(() -> {
            JsonNode profile = awaitProfile("email", email("twice"));
            return profile.path("stats").path("events").asLong() == 2 ? profile : null;
        });
        assertThat(twice.path("traits").path("address").path("city").asString()).isIn("Bonn", "Berlin");
    }

    @Test
    void anOrdersImportWithACancellationGivesRevenueAndARefund() {
        String customer = "c-" + run;
        String csv = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n"
                + "9" + run.hashCode() + ",85123A,HEART,6,12/1/2010 8:26,2.55," + customer + ",United Kingdom\n"
                + "9" + run.hashCode() + ",71053,LANTERN,6,12/1/2010 8:26,3.39," + customer + ",United Kingdom\n"
                + "9" + run.hashCode() + ",POST,POSTAGE,1,12/1/2010 8:26,18," + customer + ",United Kingdom\n"
                + "C9" + run.hashCode() + ",71053,LANTERN,-1,12/2/2010 9:00,3.39," + customer + ",United Kingdom\n"
                + "C8" + run.hashCode() + ",99999,OTHER,-1,12/2/2010 9:00,3.39," + customer + ",United Kingdom\n";
        JsonNode report = ok(raw("kind=orders&currency=GBP&filename=retail-" + run + ".csv", utf8(csv)));
        assertThat(report.path("rows").asLong()).isEqualTo(5);
        assertThat(report.path("events").path("orders").asLong()).isEqualTo(1);
        assertThat(report.path("events").path("refunds").asLong()).isEqualTo(1);
        assertThat(report.path("rejectedByReason").path("non_product_code").asLong()).isEqualTo(1);
        assertThat(report.path("rejectedByReason").path("negative_quantity_without_original").asLong()).isEqualTo(1);
        assertThat(report.path("previewEvents").get(0).path("properties").path("currency").asString()).isEqualTo("GBP");

        JsonNode profile = ServerClient.eventually(() -> {
            Response response = client.get("/api/v1/profiles?userId=" + customer);
            return response.status() == 200 && response.json().path("stats").path("events").asLong() == 2
                    ? response.json() : null;
        });
        assertThat(profile.path("stats").path("orders").asLong()).isEqualTo(1);
        assertThat(profile.path("stats").path("revenue").decimalValue()).isEqualByComparingTo("35.64");

        JsonNode again = ok(raw("kind=orders&currency=GBP&filename=retail-" + run + ".csv", utf8(csv)));
        assertThat(again.path("events").path("stored").asLong()).isZero();
        assertThat(again.path("events").path("alreadyInLog").asLong()).isEqualTo(2);
    }

    @Test
    void anExcelFileIsImported() throws IOException {
        long customerNumber = 1_000_000L + Math.abs(run.hashCode() % 1_000_000_000L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = bytes) {
            Sheet sheet = workbook.createSheet();
            Row header = sheet.createRow(0);
            header.createCell(0).setCellValue("Kundennummer");
            header.createCell(1).setCellValue("E-Mail");
            Row row = sheet.createRow(1);
            row.createCell(0).setCellValue(customerNumber);
            row.createCell(1).setCellValue(email("excel"));
            workbook.write(out);
        }
        JsonNode report = ok(upload("kind=contacts", "kunden.xlsx", bytes.toByteArray()));
        assertThat(report.path("format").asString()).isEqualTo("xlsx");
        assertThat(report.path("imported").asLong() + report.path("merged").asLong()).isEqualTo(1);
        assertThat(awaitProfile("email", email("excel")).path("identities").toString())
                .as("a number cell is an id without decimals").contains("\"" + customerNumber + "\"");
    }

    @Test
    void theReportIsAvailableAsCsvAndInTheListOfImports() {
        byte[] file = utf8("email\nnot-an-email\n" + email("listed") + "\n");
        Response csv = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/imports?kind=contacts&filename=listed-" + run + ".csv"))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).startsWith("line,outcome,reason,detail\n2,rejected,invalid_email,");

        JsonNode imports = client.get("/api/v1/imports").json().path("imports");
        JsonNode listed = null;
        for (JsonNode item : imports) {
            if (item.path("fileName").asString().equals("listed-" + run + ".csv")) {
                listed = item;
            }
        }
        assertThat(listed).as("the import in the list").isNotNull();
        assertThat(listed.path("rejectedRows").get(0).path("reason").asString()).isEqualTo("invalid_email");
        JsonNode full = client.get("/api/v1/imports/" + listed.path("id").asLong()).json();
        assertThat(full.path("rows").asLong()).isEqualTo(2);
        assertThat(client.get("/api/v1/imports/999999999").status()).isEqualTo(404);
    }

    @Test
    void badFilesAreClearErrorsAndStoreNothing() {
        assertProblem(upload("kind=contacts", "empty.csv", new byte[0]), "empty");
        assertProblem(upload("kind=contacts", "blank.csv", utf8("\n\n")), "no header row");
        assertProblem(upload("kind=contacts", "x.csv", utf8("foo,bar\n1,2\n")), "no column for an email");
        assertProblem(upload("kind=orders", "x.csv", utf8("email\na@example.org\n")), "not recognisable as orders");
        assertProblem(upload("kind=contacts", "x.csv", new byte[] {0, 1, 2, 3, 0, 0, 9}), "binary");
        assertProblem(upload("kind=contacts", "x.pdf", utf8("email\n")), "no supported format");
        assertProblem(raw("kind=contacts", utf8("email\n")), "filename");
        assertProblem(upload("kind=people", "x.csv", utf8("email\n")), "kind must be");
        assertProblem(upload("kind=contacts&map=nonsense", "x.csv", utf8("email\n")), "column=field");
        assertProblem(upload("kind=contacts&map=Spalte%3Demail", "x.csv", utf8("email\n")), "Spalte");
        String openQuote = "email,note\n" + email("q") + ",\"" + "x".repeat(TableReader.MAX_ROW_CHARS + 100_000);
        assertProblem(upload("kind=contacts", "open.csv", utf8(openQuote)), "never closed");
        assertThat(client.get("/api/v1/profiles?email=" + email("q")).status()).isEqualTo(404);
    }

    @Test
    void aHugeCellRejectsOnlyItsRow() {
        String huge = "y".repeat(Cleaning.MAX_CELL_LENGTH + 10);
        JsonNode report = ok(upload("kind=contacts", "huge.csv", utf8("email,note\n" + email("huge") + "," + huge
                + "\n" + email("fine") + ",ok\n")));
        assertThat(report.path("rejectedRows").get(0).path("reason").asString()).isEqualTo("cell_too_long");
        assertThat(report.path("imported").asLong()).isEqualTo(1);
    }

    @Test
    void importsNeedTheAdminToken() {
        Response response = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/imports?kind=contacts&filename=x.csv"))
                .POST(HttpRequest.BodyPublishers.ofString("email\n")).build());
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theUploadPageShowsTheDryRunMappingAndTheReport() throws Exception {
        BrowserSession browser = BrowserSession.signIn(client, "tester");
        String page = browser.get("/imports?lang=de").body();
        assertThat(page).contains("Importe").contains("Datei importieren");

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"_csrf", BrowserSession.csrf(page)}, {"kind", "contacts"}, {"dryRun", "true"}}) {
            body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] file = multipart("ui.csv", utf8("E-Mail;Vorname\n" + email("ui") + ";Uli\n"));
        body.writeBytes(file);
        HttpResponse<String> shown = browser.post("/imports?lang=de", "multipart/form-data; boundary=" + BOUNDARY,
                body.toByteArray());
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        assertThat(shown.body()).contains("Probelauf: ui.csv").contains("firstName").contains("Spaltenüberschrift");

        ByteArrayOutputStream real = new ByteArrayOutputStream();
        for (String[] field : new String[][] {{"_csrf", BrowserSession.csrf(page)}, {"kind", "contacts"}}) {
            real.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field[0] + "\"\r\n\r\n"
                    + field[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        real.writeBytes(multipart("ui-" + run + ".csv", utf8("E-Mail;Vorname\nkaputt;X\n" + email("ui") + ";Uli\n")));
        HttpResponse<String> imported = browser.post("/imports?lang=en", "multipart/form-data; boundary=" + BOUNDARY,
                real.toByteArray());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).contains("Report: ui-" + run + ".csv").contains("invalid_email");
        Matcher link = Pattern.compile("href=\"(/imports/\\d+)\"(?:(?!href=).){0,600}?ui-" + run, Pattern.DOTALL)
                .matcher(imported.body());
        assertThat(link.find()).as("the import in the list of recent imports").isTrue();
        HttpResponse<String> stored = browser.get(link.group(1));
        assertThat(stored.statusCode()).isEqualTo(200);
        assertThat(stored.body()).contains("Report: ui-" + run + ".csv").contains("invalid_email").contains("Uli");
        assertThat(browser.get("/imports/999999999").statusCode()).isEqualTo(404);
    }

}
