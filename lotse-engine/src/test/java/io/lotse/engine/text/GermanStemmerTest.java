package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class GermanStemmerTest {

    private static List<String> stems(String... words) {
        return Arrays.stream(words).map(GermanStemmer::stem).distinct().toList();
    }

    @Test
    void inflectionsOfAWordShareTheirStem() {
        assertThat(stems("bestellen", "bestellt", "bestelle", "bestellte", "bestellten")).hasSize(1);
        assertThat(stems("bestellung", "bestellungen")).hasSize(1);
        assertThat(stems("rechnung", "rechnungen")).hasSize(1);
        assertThat(stems("artikel", "artikels")).hasSize(1);
        assertThat(stems("kunde", "kunden")).hasSize(1);
        assertThat(stems("schicken", "geschickt", "schickt")).containsExactly("schick");
        assertThat(stems("geliefert", "liefern", "liefere")).hasSize(1);
        assertThat(stems("lieferung", "lieferungen")).hasSize(1);
    }

    @Test
    void differentWordsKeepDifferentStems() {
        assertThat(stems("rechnung", "bestellung", "lieferung", "paket", "konto")).hasSize(5);
    }

    @Test
    void umlautsAndSharpSAreFolded() {
        assertThat(GermanStemmer.stem("rücksendung")).isEqualTo(GermanStemmer.stem("rucksendung"));
        assertThat(GermanStemmer.stem("grüße")).isEqualTo(GermanStemmer.stem("grusse"));
        assertThat(GermanStemmer.foldUmlauts("größe")).isEqualTo("grosse");
    }

    @Test
    void lettersThatBelongTogetherAreNotCutApart() {
        // "sch", "ei", "ie" and doubled letters count as one while endings are stripped
        assertThat(GermanStemmer.stem("tisches")).isEqualTo("tisch");
        assertThat(GermanStemmer.stem("kommen")).isEqualTo("komm");
        assertThat(GermanStemmer.stem("schreiben")).isEqualTo("schreib");
    }

    @Test
    void shortWordsAndNumbersStayAsTheyAre() {
        assertThat(GermanStemmer.stem("ist")).isEqualTo("ist");
        assertThat(GermanStemmer.stem("2026")).isEqualTo("2026");
        assertThat(GermanStemmer.stem("ls-2026-000123")).isEqualTo("ls-2026-000123");
    }
}
