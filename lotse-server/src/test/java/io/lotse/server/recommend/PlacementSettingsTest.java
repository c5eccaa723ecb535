package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.recommend.PlacementRules;
import io.lotse.engine.recommend.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlacementSettingsTest {

    private final ProductCatalogue catalogue = ProductCatalogue.builder()
            .see("P1", null, "Coffee", null).see("P2", null, "Sale", null).build(Map.of());

    @Test
    void everyDefaultIsValid() {
        for (Placement placement : Placement.values()) {
            assertThat(PlacementSettings.defaults(placement).problems()).as(placement.wireName()).isEmpty();
        }
        assertThat(PlacementSettings.defaults(Placement.EMAIL).weights()).doesNotContainKey("session");
    }

    @Test
    void namesBecomeIndicesAndUnknownOnesAreLeftOut() {
        PlacementSettings settings = new PlacementSettings(Map.of("ease", 2.0, "popular", 0.5), "rank", null, false,
                "exclude", Map.of("coffee", "allow", "Nonexistent", "allow"), 3, List.of(
                        new PlacementSettings.Adjustment("P2", null, 0.0),
                        new PlacementSettings.Adjustment(null, "Sale", 0.5),
                        new PlacementSettings.Adjustment("P9", null, 2.0)));

        PlacementRules rules = settings.toRules(catalogue);

        assertThat(rules.weight(Signal.EASE)).isEqualTo(2.0);
        assertThat(rules.weight(Signal.SESSION)).isZero();
        assertThat(rules.normalisation()).isEqualTo(PlacementRules.Normalisation.RANK);
        assertThat(rules.excludeInactive()).as("omitted means true").isTrue();
        assertThat(rules.excludeOutOfStock()).isFalse();
        int coffee = catalogue.categoryIndex("Coffee").orElseThrow();
        assertThat(rules.alreadyBought(coffee)).isEqualTo(PlacementRules.AlreadyBought.ALLOW);
        assertThat(rules.alreadyBought(catalogue.categoryIndex("Sale").orElseThrow()))
                .isEqualTo(PlacementRules.AlreadyBought.EXCLUDE);
        assertThat(rules.adjustments()).hasSize(2);
        assertThat(rules.maxPerCategory()).isEqualTo(3);
    }

    @Test
    void theFormParsesLinesAndReportsEveryMistakeWithItsLine() {
        PlacementForm.Parsed parsed = PlacementForm.parse(Placement.HOME, Map.of(
                "weight.ease", "1,5", "weight.session", "x", "normalisation", "score", "alreadyBought", "exclude",
                "exceptions", "Coffee = allow\nbroken", "maxPerCategory", "2.5",
                "adjustments", "product P1 = 2\n\ncategory Sale = 0.5\nbrand X = 3"));

        assertThat(parsed.settings().weights()).containsEntry("ease", 1.5).doesNotContainKey("session");
        assertThat(parsed.settings().alreadyBoughtByCategory()).containsEntry("Coffee", "allow");
        assertThat(parsed.settings().adjustments()).hasSize(2);
        assertThat(parsed.problems()).hasSize(4).anySatisfy(p -> assertThat(p).contains("session"))
                .anySatisfy(p -> assertThat(p).contains("exception line 2"))
                .anySatisfy(p -> assertThat(p).contains("whole number"))
                .anySatisfy(p -> assertThat(p).contains("adjustment line 4"));
    }

    @Test
    void aFormShowsStoredSettingsTheWayTheyAreTyped() {
        PlacementForm form = PlacementForm.of(Placement.CART, new PlacementSettings(Map.of("together", 1.5), "score",
                true, true, "exclude", Map.of("Coffee", "allow"), 2, List.of(
                        new PlacementSettings.Adjustment("P1", null, 2.0))));

        assertThat(form.weights()).containsEntry("together", "1.5").containsEntry("ease", "0");
        assertThat(form.exceptions()).isEqualTo("Coffee = allow");
        assertThat(form.adjustments()).isEqualTo("product P1 = 2");
        assertThat(PlacementForm.parse(Placement.CART, Map.of("weight.together", "1.5", "exceptions",
                form.exceptions(), "adjustments", form.adjustments(), "maxPerCategory", "2", "alreadyBought",
                "exclude", "excludeInactive", "true", "excludeOutOfStock", "true")).problems()).isEmpty();
    }
}
