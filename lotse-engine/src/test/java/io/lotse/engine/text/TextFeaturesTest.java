package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
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

    @Test
    void emptyTextGivesEmptyVector() {
        assertThat(features.transform("").size()).isZero();
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> new TextFeatures.Settings(30, 2, 5, 2, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TextFeatures.Settings(18, 4, 3, 2, 1, 1));
        assertThatIllegalArgumentException().isThrownBy(() -> new TextFeatures.Settings(18, 2, 5, 3, 1, 1));
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
