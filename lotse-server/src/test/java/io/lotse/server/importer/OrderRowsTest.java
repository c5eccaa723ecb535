package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.server.collect.CollectedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Order lines become one Order Completed per order; returns become Order Refunded of the original. */
class OrderRowsTest {

    private static final String RETAIL = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    private final RowsFixture fixture = new RowsFixture();

    @Test
    void linesOfAnOrderBecomeOneOrderCompletedAtTheOrderDate() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, RETAIL,
                "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom",
                "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom");
        assertThat(events).hasSize(1);
        CollectedEvent order = events.get(0);
        assertThat(order.event()).isEqualTo("Order Completed");
        assertThat(order.messageId()).isEqualTo("import:order:536365");
        assertThat(order.userId()).isEqualTo("17850");
        assertThat(order.timestamp()).isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
        JsonNode properties = order.payload().path("properties");
        assertThat(properties.path("order_id").asString()).isEqualTo("536365");
        assertThat(properties.path("revenue").decimalValue()).isEqualByComparingTo("35.64");
        assertThat(properties.path("Country").asString()).isEqualTo("United Kingdom");
        assertThat(properties.path("products")).hasSize(2);
        assertThat(properties.path("products").get(0).path("sku").asString()).isEqualTo("85123A");
        assertThat(properties.path("products").get(0).path("quantity").asLong()).isEqualTo(6);
        assertThat(properties.path("products").get(0).path("price").decimalValue()).isEqualByComparingTo("2.55");
        assertThat(fixture.tally.imported()).isEqualTo(1);
        assertThat(fixture.tally.merged()).isEqualTo(1);
    }

    @Test
    void aCancellationIsARefundOfTheCustomersEarlierOrderWithThatProduct() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, RETAIL,
                "536365,85123A,HEART,6,12/1/2010 8:26,2.55,17850.0,United Kingdom",
                "536400,85123A,HEART,2,12/2/2010 9:00,2.55,17850.0,United Kingdom",
                "536500,85123A,HEART,4,12/9/2010 9:00,2.55,17850.0,United Kingdom",
                "C536401,85123A,HEART,-2,12/3/2010 10:00,2.55,17850.0,United Kingdom");
        assertThat(events).extracting(CollectedEvent::event)
                .containsExactly("Order Completed", "Order Completed", "Order Completed", "Order Refunded");
        CollectedEvent refund = events.get(3);
        assertThat(refund.messageId()).isEqualTo("import:refund:C536401:536400");
        assertThat(refund.payload().path("properties").path("order_id").asString()).isEqualTo("536400");
        assertThat(refund.payload().path("properties").path("refund_id").asString()).isEqualTo("C536401");
        assertThat(refund.payload().path("properties").path("total").decimalValue()).isEqualByComparingTo("5.10");
        assertThat(refund.payload().path("properties").path("products").get(0).path("quantity").asLong()).isEqualTo(2);
        assertThat(fixture.accountsForEveryRow()).isTrue();
    }

    @Test
    void aCancellationWithoutAnEarlierOrderIsRejected() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, RETAIL,
                "536365,85123A,HEART,6,12/5/2010 8:26,2.55,17850.0,United Kingdom",
                "C536401,85123A,HEART,-2,12/3/2010 10:00,2.55,17850.0,United Kingdom",
                "C536402,22222,CUP,-1,12/6/2010 10:00,2.55,17850.0,United Kingdom");
        assertThat(events).hasSize(1);
        assertThat(fixture.reasonOf(3)).isEqualTo("negative_quantity_without_original");
        assertThat(fixture.reasonOf(4)).isEqualTo("negative_quantity_without_original");
    }

    @Test
    void aCancellationMayReferToAnOrderAlreadyInTheLog() {
        fixture.logged = Map.of("500000", new OrderRows.LoggedOrder(Instant.parse("2010-11-01T00:00:00Z"),
                Set.of("85123A")));
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, RETAIL,
                "C536401,85123A,HEART,-2,12/3/2010 10:00,2.55,17850.0,United Kingdom");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).payload().path("properties").path("order_id").asString()).isEqualTo("500000");
    }

    @Test
    void aRefundedStatusRefersToTheOrderOfTheSameId() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS,
                "Bestellnummer;Bestelldatum;Kundennummer;E-Mail;Artikel;Menge;Einzelpreis;Status",
                "1001;31.12.2024;k-1;ada@example.org;Tasse;2;12,50 €;abgeschlossen",
                "1001;02.01.2025;k-1;ada@example.org;Tasse;2;12,50 €;Retoure",
                "1002;03.01.2025;k-1;ada@example.org;Teller;1;5,00 €;storniert");
        assertThat(events).extracting(CollectedEvent::event).containsExactly("Order Completed", "Order Refunded");
        JsonNode completed = events.get(0).payload().path("properties");
        assertThat(completed.path("revenue").decimalValue()).isEqualByComparingTo("25");
        assertThat(completed.path("currency").asString()).isEqualTo("EUR");
        assertThat(events.get(0).payload().path("context").path("traits").path("email").asString())
                .isEqualTo("ada@example.org");
        assertThat(events.get(1).payload().path("properties").path("order_id").asString()).isEqualTo("1001");
        assertThat(fixture.reasonOf(4)).isEqualTo("refund_without_original");
    }

    @Test
    void linesWithoutCustomerAndNonProductLinesAreRejected() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, RETAIL,
                "536365,85123A,HEART,6,12/1/2010 8:26,2.55,,United Kingdom",
                "536366,POST,POSTAGE,1,12/1/2010 8:26,18,12583.0,France",
                "536367,M,Manual,1,12/1/2010 8:26,18,12583.0,France",
                "536368,BANK CHARGES,Bank Charges,1,12/1/2010 8:26,15,12583.0,France");
        assertThat(events).isEmpty();
        assertThat(fixture.reasonOf(2)).isEqualTo("missing_customer");
        assertThat(fixture.reasonOf(3)).isEqualTo("non_product_code");
        assertThat(fixture.reasonOf(4)).isEqualTo("non_product_code");
        assertThat(fixture.reasonOf(5)).isEqualTo("non_product_code");
    }

    @Test
    void badDatesQuantitiesAndPricesAreRejected() {
        fixture.run(ImportKind.ORDERS, "order_id,customer_id,date,quantity,unit_price,total",
                "1,c,someday,1,2,", "2,c,,1,2,", "3,c,2024-01-01,1.5,2,", "4,c,2024-01-01,0,2,",
                "5,c,2024-01-01,1,two,", "6,c,2024-01-01,1,-2,", "7,c,2024-01-01,1,,lots", ",c,2024-01-01,1,2,",
                "9,,2024-01-01,1,2,");
        assertThat(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L)).extracting(fixture::reasonOf).containsExactly(
                "unparseable_date", "missing_date", "invalid_quantity", "zero_quantity", "invalid_price",
                "negative_price", "invalid_total", "missing_order_id", "missing_customer");
        assertThat(fixture.accountsForEveryRow()).isTrue();
    }

    @Test
    void anOrderIdUsedByTwoCustomersKeepsTheFirst() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, "order_id,customer_id,total",
                "1,a,10", "1,b,12");
        assertThat(events).hasSize(1);
        assertThat(fixture.reasonOf(3)).isEqualTo("order_customer_conflict");
    }

    @Test
    void anInvalidEmailWithoutCustomerIdRejectsTheLine() {
        fixture.run(ImportKind.ORDERS, "order_id,email,total", "1,nobody(at)example.org,10");
        assertThat(fixture.reasonOf(2)).isEqualTo("invalid_email");
    }

    @Test
    void theTotalColumnIsTheRevenueWhenLinesHaveNoPrice() {
        List<CollectedEvent> events = fixture.run(ImportKind.ORDERS, "order_id;email;Betrag;Währung",
                "A-1;ada@example.org;1.234,56;EUR");
        JsonNode properties = events.get(0).payload().path("properties");
        assertThat(properties.path("revenue").decimalValue()).isEqualByComparingTo("1234.56");
        assertThat(properties.path("total").decimalValue()).isEqualByComparingTo("1234.56");
        assertThat(properties.path("currency").asString()).isEqualTo("EUR");
        assertThat(events.get(0).userId()).isNull();
        assertThat(events.get(0).anonymousId()).startsWith("import-");
    }
}
