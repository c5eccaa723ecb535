package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhrasingGroupsTest {

    private static final List<LabelledText> EXAMPLES = List.of(
            new LabelledText("Wo bleibt meine Bestellung LS-2026-000123?", "where_is_my_order"),
            new LabelledText("Hallo, wo bleibt meine Bestellung LS-2026-004711? Viele Grüße", "where_is_my_order"),
            new LabelledText("Wo bleibt meine Bestelung LS-2026-000999?", "where_is_my_order"),
            new LabelledText("Ich finde keinen Tracking-Link zu meinem Paket", "where_is_my_order"),
            new LabelledText("Wo bleibt meine Rechnung zur Bestellung LS-2026-000123?", "invoice_copy"),
            new LabelledText("Bitte schicken Sie mir eine Kopie der Rechnung", "invoice_copy"));

    @Test
    void nearDuplicatePhrasingsShareAGroupAndOtherWordingsDoNot() {
        List<String> groups = PhrasingGroups.of(EXAMPLES, PhrasingGroups.DEFAULT_MIN_SIMILARITY, 1.0);

        // other order numbers, a greeting, a typo: the same phrasing
        assertThat(groups.get(1)).isEqualTo(groups.get(0));
        assertThat(groups.get(2)).isEqualTo(groups.get(0));
        // the same request in other words
        assertThat(groups.get(3)).isNotEqualTo(groups.get(0));
        // similar words, another intent
        assertThat(groups.get(4)).isNotIn(groups.subList(0, 4));
        assertThat(groups.get(5)).isNotEqualTo(groups.get(4));
        assertThat(PhrasingGroups.count(groups)).isEqualTo(4);
    }

    @Test
    void aGroupHoldsAtMostItsShareOfTheIntent() {
        List<LabelledText> twins = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            twins.add(new LabelledText("Wo bleibt meine Bestellung LS-2026-00" + (1000 + i) + "?",
                    "where_is_my_order"));
        }

        List<String> groups = PhrasingGroups.of(twins, 0.5, 0.3);

        Map<String, Integer> sizes = new HashMap<>();
        groups.forEach(group -> sizes.merge(group, 1, Integer::sum));
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(3));
        assertThat(PhrasingGroups.of(twins, 0.5, 1.0)).containsOnly(groups.get(0));
    }

    @Test
    void aGivenGroupIsKeptAndTheOthersAreFound() {
        List<String> given = new ArrayList<>(Collections.nCopies(EXAMPLES.size(), null));
        given.set(0, "template 1");
        given.set(3, "template 1");

        List<String> groups = PhrasingGroups.of(EXAMPLES, given, PhrasingGroups.DEFAULT_MIN_SIMILARITY, 1.0);

        // given together although worded apart; the first's near-twins are found among the rest
        assertThat(groups.get(3)).isEqualTo(groups.get(0));
        assertThat(groups.get(1)).isNotEqualTo(groups.get(0)).isEqualTo(groups.get(2));
        assertThatIllegalArgumentException().isThrownBy(() -> PhrasingGroups.of(EXAMPLES, List.of("x"), 0.5, 1));
    }

    @Test
    void theSameExamplesGiveTheSameGroups() {
        assertThat(PhrasingGroups.of(EXAMPLES, 0.5, 0.5)).isEqualTo(PhrasingGroups.of(EXAMPLES, 0.5, 0.5));
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> PhrasingGroups.of(EXAMPLES, 1.5, 0.5));
        assertThatIllegalArgumentException().isThrownBy(() -> PhrasingGroups.of(EXAMPLES, 0.5, 0));
    }
}
