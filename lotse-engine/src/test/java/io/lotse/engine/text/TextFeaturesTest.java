package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TextFeaturesTest {

    private final TextFeatures features = TextFeatures.fit(List.of("where is my order", "I want to return an item",
            "wo bleibt meine Bestellung", "ich möchte etwas zurückschicken"), TextFeatures.Settings.defaults());

    @Test
    void eachBlockHasUnitLengthTimesItsWeight() {
        SparseVector vector = features.transform("where is my order");

        // two blocks of length 1 that share no index: total length sqrt(2)
        assertThat(vector.norm()).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-4));
    }

    @Test
    void sameTextGivesSameVector() {
        assertThat(features.transform("Wo bleibt meine Bestellung?"))
                .isEqualTo(features.transform("Wo bleibt meine Bestellung?"));
    }

    @Test
    void aTypoKeepsMostCharacterNGrams() {
        SparseVector right = features.transform("Bestellung");
        SparseVector typo = features.transform("Bestelung");
        SparseVector other = features.transform("Rechnung");

        assertThat(cosine(right, typo)).isGreaterThan(cosine(right, other));
    }

    private static TextFeatures fitted(boolean across, boolean stems, boolean fold, boolean mask, double charWeight,
            double wordWeight) {
        return TextFeatures.fit(List.of("Wo bleibt meine Bestellung?", "Der Artikel „Teekanne Sommer“ fehlt",
                "Ich möchte die Rücksendung anmelden"), new TextFeatures.Settings(18, 3, 5, 2, charWeight,
                wordWeight, across, stems, fold, mask, false));
    }

    @Test
    void foldedVariantsReadAMissingUmlautAndAnotherNumberAsTheSame() {
        TextFeatures folding = fitted(true, false, true, false, 1, 1);
        TextFeatures plain = fitted(true, false, false, false, 1, 1);
        String first = "Rückerstattung für LS-2026-005698 prüfen";
        String second = "Ruckerstattung fur LS-2026-001234 prufen";

        assertThat(folding.transform(first)).isEqualTo(folding.transform(second));
        assertThat(plain.transform(first)).isNotEqualTo(plain.transform(second));
    }

    @Test
    void aQuotedProductNameCountsAsOnePlaceholder() {
        TextFeatures masking = fitted(true, false, false, true, 1, 1);
        String first = "Der Artikel „Gartenschere Birke“ kam kaputt an";
        String second = "Der Artikel „Daunenjacke Mond“ kam kaputt an";

        assertThat(masking.transform(first)).isEqualTo(masking.transform(second));
        assertThat(masking.transform(first)).isNotEqualTo(masking.transform("Der Artikel kam kaputt an"));
        assertThat(fitted(true, false, false, false, 1, 1).transform(first))
                .isNotEqualTo(fitted(true, false, false, false, 1, 1).transform(second));
    }

    @Test
    void characterNGramsWithinWordsIgnoreTheWordOrder() {
        TextFeatures within = fitted(false, false, false, false, 1, 0);
        TextFeatures across = fitted(true, false, false, false, 1, 0);

        assertThat(within.transform("meine Bestellung bleibt")).isEqualTo(within.transform("bleibt meine Bestellung"));
        assertThat(across.transform("meine Bestellung bleibt"))
                .isNotEqualTo(across.transform("bleibt meine Bestellung"));
    }

    @Test
    void stemmedWordsCountInflectionsAsOneWord() {
        TextFeatures stems = fitted(true, true, false, false, 0, 1);
        TextFeatures words = fitted(true, false, false, false, 0, 1);

        assertThat(stems.transform("Bestellungen storniert")).isEqualTo(stems.transform("Bestellung stornieren"));
        assertThat(words.transform("Bestellungen storniert")).isNotEqualTo(words.transform("Bestellung stornieren"));
    }

    @Test
    void aCompoundOfKnownWordsSplitsIntoThem() {
        Set<String> vocabulary = Set.of("rechnung", "kopie", "sendung", "verfolgung", "bonus",
                "punkte");

        assertThat(TextFeatures.compoundParts("rechnungskopie", vocabulary)).containsExactly("rechnung", "kopie");
        assertThat(TextFeatures.compoundParts("sendungsverfolgung", vocabulary))
                .containsExactly("sendung", "verfolgung");
        assertThat(TextFeatures.compoundParts("bonuspunkte", vocabulary)).containsExactly("bonus", "punkte");
        assertThat(TextFeatures.compoundParts("rechnung", vocabulary)).isEmpty();
        assertThat(TextFeatures.compoundParts("lieferadresse", vocabulary)).isEmpty();
    }

    @Test
    void emptyTextGivesEmptyVector() {
        assertThat(features.transform("").size()).isZero();
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> new TextFeatures.Settings(30, 2, 5, 2, 1, 1, true, false, false, false, false));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new TextFeatures.Settings(18, 4, 3, 2, 1, 1, true, false, false, false, false));
        assertThatIllegalArgumentException().isThrownBy(
                () -> new TextFeatures.Settings(18, 2, 5, 3, 1, 1, true, false, false, false, false));
    }

    static double cosine(SparseVector a, SparseVector b) {
        double dot = 0;
        int i = 0;
        int j = 0;
        while (i < a.size() && j < b.size()) {
            if (a.indices()[i] == b.indices()[j]) {
                dot += a.values()[i++] * b.values()[j++];
            } else if (a.indices()[i] < b.indices()[j]) {
                i++;
            } else {
                j++;
            }
        }
        return dot / (a.norm() * b.norm());
    }
}
