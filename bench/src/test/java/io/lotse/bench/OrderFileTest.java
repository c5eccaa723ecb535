package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import io.lotse.engine.propensity.Order;
import io.lotse.engine.propensity.OrderLine;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrderFileTest {

    private static final OrderFile.Columns UNUSED = new OrderFile.Columns("c", "d", "a", null);

    @TempDir
    Path dir;

    private Path gzipped(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    @Test
    void readsOnlineRetailInvoicesAndSkipsWhatIsNoPurchase() throws IOException {
        Path file = gzipped("retail.csv.gz", """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,"WHITE HANGING HEART, T-LIGHT HOLDER",6,12/1/2010 8:26,2.55,17850.0,United Kingdom
                536365,71053,"RECORD FRAME 7"" SINGLE",2,12/1/2010 8:26,3.00,17850.0,United Kingdom
                536365,POST,POSTAGE,1,12/1/2010 8:26,18.00,17850.0,United Kingdom
                C536379,22086,PAPER CHAIN,-1,12/1/2010 9:41,2.00,17850.0,United Kingdom
                536380,22086,PAPER CHAIN,3,2010-12-02 10:00:00,2.00,,United Kingdom
                536381,22086,PAPER CHAIN,0,2010-12-02 10:00:00,2.00,12583.0,France
                536382,BANK CHARGES,Bank Charges,1,2010-12-03 10:00:00,15,12583.0,France
                536383,22086,PAPER CHAIN,4,2010-12-03 10:00:00,1.00,12583.0,France
                536384,22086,PAPER CHAIN,1,2010-12-04 10:00:00,1.00,17850,United Kingdom
                """);

        OrderFile.Result result = OrderFile.read(file, OrderFile.Format.ONLINE_RETAIL, UNUSED);

        assertThat(result.rows()).isEqualTo(9);
        assertThat(result.skipped()).containsEntry("cancellation", 1L).containsEntry("no product", 2L)
                .containsEntry("missing customer id", 1L).containsEntry("quantity or price not above 0", 1L);
        assertThat(result.orders()).containsOnlyKeys("17850", "12583");
        List<Order> orders = result.orders().get("17850");
        assertThat(orders).hasSize(2);
        assertThat(orders.get(0).at()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        assertThat(orders.get(0).amount()).isCloseTo(6 * 2.55 + 2 * 3.00, within(1e-9));
        assertThat(orders.get(0).lines()).extracting(OrderLine::product).containsExactly("85123A", "71053");
        assertThat(orders.get(1).amount()).isCloseTo(1.0, within(1e-9));
        assertThat(result.orders().get("12583")).singleElement()
                .satisfies(order -> assertThat(order.amount()).isCloseTo(4.0, within(1e-9)));
    }

    @Test
    void readsOneOrderPerRowOrGroupsRowsByOrderId() throws IOException {
        Path file = dir.resolve("orders.csv");
        Files.writeString(file, """
                kunde,datum,betrag,bestellung
                a,2024-01-05,10.5,o1
                a,2024-01-05,4.5,o1
                a,2024-02-01T10:00:00Z,-3,o2
                b,2024-03-01 09:30,7,o3
                ,2024-03-01,7,o4
                """);

        OrderFile.Result perRow = OrderFile.read(file, OrderFile.Format.CSV,
                new OrderFile.Columns("kunde", "datum", "betrag", null));
        OrderFile.Result perOrder = OrderFile.read(file, OrderFile.Format.CSV,
                new OrderFile.Columns("kunde", "datum", "betrag", "bestellung"));

        assertThat(perRow.orders().get("a")).hasSize(2);
        assertThat(perRow.skipped()).containsEntry("amount not above 0", 1L).containsEntry("missing customer id", 1L);
        assertThat(perOrder.orders().get("a")).singleElement()
                .satisfies(order -> assertThat(order.amount()).isEqualTo(15.0));
        assertThat(perOrder.orders().get("b").get(0).at()).isEqualTo(Instant.parse("2024-03-01T09:30:00Z"));
    }

    @Test
    void namesWhatItCannotRead() throws IOException {
        Path missingColumn = dir.resolve("missing.csv");
        Files.writeString(missingColumn, "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n1,A,1,2024-01-01,1\n");
        Path badDate = dir.resolve("bad-date.csv");
        Files.writeString(badDate, "customer,date,amount\nx,yesterday,5\n");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderFile.read(missingColumn, OrderFile.Format.ONLINE_RETAIL, UNUSED))
                .withMessageContaining("no column 'CustomerID'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> OrderFile.read(badDate, OrderFile.Format.CSV,
                        new OrderFile.Columns("customer", "date", "amount", null)))
                .withMessageContaining("line 1: unreadable date 'yesterday'");
        assertThat(OrderFile.customerId("17850.0")).isEqualTo("17850");
        assertThat(OrderFile.customerId(" ")).isNull();
        assertThat(OrderFile.customerId("A-17.5")).isEqualTo("A-17.5");
    }
}
