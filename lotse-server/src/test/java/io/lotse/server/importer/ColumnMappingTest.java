package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Columns are found by German and English header names; overrides win; unknown columns are kept. */
class ColumnMappingTest {

    private static ColumnMapping contacts(String... header) {
        return ColumnMapping.of(List.of(header), ImportKind.CONTACTS, Map.of());
    }

    private static ColumnMapping orders(String... header) {
        return ColumnMapping.of(List.of(header), ImportKind.ORDERS, Map.of());
    }

    @Test
    void germanContactHeadersAreRecognised() {
        ColumnMapping mapping = contacts("E-Mail", "Vorname", "Nachname", "Telefon", "Kundennummer", "Land", "Ort",
                "PLZ", "Geburtsdatum");
        assertThat(mapping.indexOf(Field.EMAIL)).isEqualTo(0);
        assertThat(mapping.indexOf(Field.FIRST_NAME)).isEqualTo(1);
        assertThat(mapping.indexOf(Field.LAST_NAME)).isEqualTo(2);
        assertThat(mapping.indexOf(Field.PHONE)).isEqualTo(3);
        assertThat(mapping.indexOf(Field.CUSTOMER_ID)).isEqualTo(4);
        assertThat(mapping.indexOf(Field.COUNTRY)).isEqualTo(5);
        assertThat(mapping.indexOf(Field.CITY)).isEqualTo(6);
        assertThat(mapping.indexOf(Field.ZIP)).isEqualTo(7);
        assertThat(mapping.indexOf(Field.BIRTHDAY)).isEqualTo(8);
    }

    @Test
    void englishHeadersAreRecognisedWhateverTheirCaseSpacesAndUnderscores() {
        ColumnMapping mapping = contacts(" EMAIL ", "First Name", "last_name", "Mobile", "user_id", "zip");
        assertThat(mapping.indexOf(Field.EMAIL)).isEqualTo(0);
        assertThat(mapping.indexOf(Field.FIRST_NAME)).isEqualTo(1);
        assertThat(mapping.indexOf(Field.LAST_NAME)).isEqualTo(2);
        assertThat(mapping.indexOf(Field.PHONE)).isEqualTo(3);
        assertThat(mapping.indexOf(Field.CUSTOMER_ID)).isEqualTo(4);
        assertThat(mapping.indexOf(Field.ZIP)).isEqualTo(5);
    }

    @Test
    void theOnlineRetailHeaderIsRecognisedAsOrders() {
        ColumnMapping mapping = orders("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
                "CustomerID", "Country");
        assertThat(mapping.describe()).extracting(m -> m.get("field")).containsExactly("order_id", "sku", "product",
                "quantity", "date", "unit_price", "customer_id", "property.Country");
    }

    @Test
    void germanOrderHeadersAreRecognised() {
        ColumnMapping mapping = orders("Bestellnummer", "Bestelldatum", "Artikelnummer", "Artikel", "Menge",
                "Einzelpreis", "Summe", "Währung", "Kundennummer", "Status");
        assertThat(mapping.describe()).extracting(m -> m.get("field")).containsExactly("order_id", "date", "sku",
                "product", "quantity", "unit_price", "total", "currency", "customer_id", "status");
    }

    @Test
    void consentColumnsBecomePurposes() {
        ColumnMapping mapping = contacts("email", "Newsletter-Einwilligung", "sms_consent", "Newsletter");
        assertThat(mapping.columns()).extracting(ColumnMapping.Column::purpose)
                .containsExactly(null, "newsletter", "sms", null);
        assertThat(mapping.columns().get(3).key()).isEqualTo("Newsletter");
    }

    @Test
    void unknownColumnsAreKeptAsTraitsOrProperties() {
        assertThat(contacts("email", "Lieblingsfarbe").describe().get(1))
                .containsEntry("field", "trait.Lieblingsfarbe").containsEntry("how", "extra");
        assertThat(orders("order_id", "customer_id", "total", "Channel").describe().get(3))
                .containsEntry("field", "property.Channel");
    }

    @Test
    void aSecondColumnForAFieldIsKeptAsExtra() {
        ColumnMapping mapping = contacts("Name", "Nachname", "email");
        assertThat(mapping.indexOf(Field.LAST_NAME)).isEqualTo(0);
        assertThat(mapping.columns().get(1).key()).isEqualTo("Nachname");
    }

    @Test
    void overridesWinOverHeaders() {
        ColumnMapping mapping = ColumnMapping.of(List.of("Kd-Nr", "Mail", "Werbung", "Notiz", "Name"),
                ImportKind.CONTACTS, Map.of("Kd-Nr", "customer_id", "werbung", "consent.marketing",
                        "Notiz", "ignore", "Name", "first_name"));
        assertThat(mapping.indexOf(Field.CUSTOMER_ID)).isEqualTo(0);
        assertThat(mapping.indexOf(Field.EMAIL)).isEqualTo(1);
        assertThat(mapping.columns().get(2).purpose()).isEqualTo("marketing");
        assertThat(mapping.columns().get(3).how()).isEqualTo(ColumnMapping.How.IGNORED);
        assertThat(mapping.indexOf(Field.FIRST_NAME)).isEqualTo(4);
        assertThat(mapping.has(Field.LAST_NAME)).isFalse();
    }

    @Test
    void overridesMayNameFieldsByTheirAliasesAndKeepColumnsUnderANewName() {
        ColumnMapping mapping = ColumnMapping.of(List.of("A", "B"), ImportKind.CONTACTS,
                Map.of("A", "E-Mail", "B", "trait.shoe_size"));
        assertThat(mapping.indexOf(Field.EMAIL)).isEqualTo(0);
        assertThat(mapping.columns().get(1).key()).isEqualTo("shoe_size");
    }

    @Test
    void anOverrideOfAMissingColumnOrUnknownFieldIsAClearError() {
        assertThatThrownBy(() -> ColumnMapping.of(List.of("email"), ImportKind.CONTACTS, Map.of("Mail2", "email")))
                .isInstanceOf(ImportException.class).hasMessageContaining("Mail2").hasMessageContaining("email");
        assertThatThrownBy(() -> ColumnMapping.of(List.of("x"), ImportKind.CONTACTS, Map.of("x", "shoe")))
                .isInstanceOf(ImportException.class).hasMessageContaining("'shoe' is no field");
        assertThatThrownBy(() -> ColumnMapping.of(List.of("x", "y"), ImportKind.CONTACTS,
                Map.of("x", "email", "y", "email"))).isInstanceOf(ImportException.class);
    }
}
