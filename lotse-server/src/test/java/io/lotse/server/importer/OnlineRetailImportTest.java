package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.LotseServerTest;
import io.lotse.server.ServerClient;
import io.lotse.server.ServerClient.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The first 20,000 lines of the UCI Online Retail file, a real export with all its mess, imported as orders. The
 * file is read from {@code ../shared/data} and never copied into the repository; the test is skipped when the
 * folder is absent.
 */
@LotseServerTest
class OnlineRetailImportTest {

    static final String FILE = "shared/data/online-retail/online_retail.csv.gz";
    static final int LINES = 20_000;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path dir;

    /** The data file, looked for in the folders above the working directory (the module or the repository). */
    static Optional<Path> dataFile() {
        Path candidate = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && candidate != null; up++, candidate = candidate.getParent()) {
            Path file = candidate.resolve(FILE);
            if (Files.isReadable(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    /** The header and the first lines, gzip-compressed again, in a temporary folder. */
    private Path slice(Path source) throws IOException {
        Path slice = dir.resolve("online_retail_first_" + LINES + ".csv.gz");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                     new GZIPInputStream(Files.newInputStream(source)), StandardCharsets.UTF_8));
             OutputStream out = new GZIPOutputStream(Files.newOutputStream(slice));
             Writer writer = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            String line;
            for (int i = 0; i < LINES && (line = in.readLine()) != null; i++) {
                writer.write(line);
                writer.write('\n');
            }
        }
        return slice;
    }

    @Test
    void theFirstLinesOfOnlineRetailImportAsOrdersWithEveryRowAccountedFor() throws IOException {
        Optional<Path> source = dataFile();
        Assumptions.assumeTrue(source.isPresent(), "../../" + FILE + " (relative to lotse-server) is absent: "
                + "shared/data/online-retail is absent, so the Online Retail import is not tested");
        Path slice = slice(source.get());
        ServerClient client = new ServerClient(port);
        Response response = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/imports?kind=orders&currency=GBP&filename=" + slice.getFileName()))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofFile(slice)).build());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode report = response.json();

        assertThat(report.path("rows").asLong()).isEqualTo(LINES - 1);
        assertThat(report.path("imported").asLong() + report.path("merged").asLong() + report.path("rejected").asLong())
                .isEqualTo(LINES - 1);
        assertThat(report.path("rejectedRows")).hasSize(report.path("rejected").asInt());
        assertThat(report.path("mapping").toString()).contains("\"order_id\"", "\"sku\"", "\"product\"",
                "\"quantity\"", "\"date\"", "\"unit_price\"", "\"customer_id\"", "\"property.Country\"");
        JsonNode reasons = report.path("rejectedByReason");
        assertThat(reasons.path("missing_customer").asLong()).isPositive();
        assertThat(reasons.path("non_product_code").asLong()).isPositive();
        Set<String> known = Set.of("missing_customer", "non_product_code", "negative_quantity_without_original");
        assertThat(reasons.propertyNames()).allMatch(known::contains);

        JsonNode events = report.path("events");
        assertThat(events.path("orders").asLong()).isPositive();
        assertThat(events.path("refunds").asLong()).isPositive();
        assertThat(events.path("stored").asLong() + events.path("alreadyInLog").asLong())
                .isEqualTo(events.path("built").asLong());

        // Ids written as 17850.0 are customer 17850; every refund refers to an order of the same customer.
        JsonNode first = report.path("previewEvents").get(0);
        assertThat(first.path("userId").asString()).isEqualTo("17850");
        assertThat(first.path("messageId").asString()).isEqualTo("import:order:536365");
        Set<String> unmatched = new HashSet<>(jdbc.sql("""
                        SELECT r.payload->'properties'->>'order_id' FROM events r
                        WHERE r.message_id LIKE 'import:refund:%' AND r.user_id IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM events o WHERE o.message_id = 'import:order:'
                                              || (r.payload->'properties'->>'order_id') AND o.user_id = r.user_id
                                              AND o.occurred_at <= r.occurred_at)""")
                .query(String.class).list());
        assertThat(unmatched).as("refunds without their original order").isEmpty();

        JsonNode again = client.send(HttpRequest.newBuilder(URI.create(client.base()
                        + "/api/v1/imports?kind=orders&currency=GBP&filename=" + slice.getFileName()))
                .header("Authorization", "Bearer " + LotseServerTest.ADMIN_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofFile(slice)).build()).json();
        assertThat(again.path("events").path("stored").asLong()).isZero();
        assertThat(again.path("rejectedByReason")).isEqualTo(reasons);
    }
}
