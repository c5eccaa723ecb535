package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityExtractorTest {

    private final EntityExtractor extractor = new EntityExtractor(EntityExtractor.DEFAULT_ORDER_NUMBER,
            List.of("Wollpullover Nordlicht", "Nordlicht", "Trail Running Shoe"));

    @Test
    void findsEverythingInAGermanMessage() {
        List<Entity> entities = extractor.extract("Meine Bestellung ls-2026-000123 vom 03.11.2026 über 49,90 € "
                + "(Wollpullover Nordlicht) ist nicht da. Antwort bitte an Ada.Muster@Example.org");

        assertThat(entities).extracting(Entity::type, Entity::value).containsExactly(
                tuple(EntityType.ORDER_NUMBER, "LS-2026-000123"),
                tuple(EntityType.DATE, "2026-11-03"),
                tuple(EntityType.AMOUNT, "49.90 EUR"),
                tuple(EntityType.PRODUCT, "Wollpullover Nordlicht"),
                tuple(EntityType.EMAIL, "ada.muster@example.org"));
    }

    @Test
    void findsEnglishDatesAmountsAndNumbersAfterOrderWords() {
        List<Entity> entities = extractor.extract("Order #4471190 from 3 November 2026 was €1,234.50, and the "
                + "trail running shoe arrived on November 5th, 2026.");

        assertThat(entities).extracting(Entity::type, Entity::value).containsExactly(
                tuple(EntityType.ORDER_NUMBER, "4471190"),
                tuple(EntityType.DATE, "2026-11-03"),
                tuple(EntityType.AMOUNT, "1234.50 EUR"),
                tuple(EntityType.PRODUCT, "Trail Running Shoe"),
                tuple(EntityType.DATE, "2026-11-05"));
    }

    @Test
    void impossibleDatesAndBareNumbersAreIgnored() {
        assertThat(extractor.extract("Am 31.02.2026 habe ich 3 Stück bestellt")).isEmpty();
    }

    @Test
    void theLongestProductNameWins() {
        assertThat(extractor.extract("Der Wollpullover Nordlicht kratzt")).extracting(Entity::value)
                .containsExactly("Wollpullover Nordlicht");
    }

    @Test
    void decimalsInGermanAndEnglishNotation() {
        assertThat(EntityExtractor.decimal("1.234,56")).isEqualTo("1234.56");
        assertThat(EntityExtractor.decimal("1,234.56")).isEqualTo("1234.56");
        assertThat(EntityExtractor.decimal("12,5")).isEqualTo("12.50");
        assertThat(EntityExtractor.decimal("1.000")).isEqualTo("1000.00");
    }
}
