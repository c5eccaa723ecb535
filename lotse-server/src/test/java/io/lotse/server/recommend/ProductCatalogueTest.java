package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProductCatalogueTest {

    @Test
    void theMostFrequentNameAndCategoryWinAndNamesOnOneProductAreOneCategory() {
        ProductCatalogue catalogue = ProductCatalogue.builder()
                .see("P2", "Kopfhörer X", "Kopfhörer", 99.0)
                .see("P2", "Headphones X", "Headphones", null)
                .see("P2", "Headphones X", "Headphones", 89.0)
                .see("P1", "Kettle", "Kitchen", null)
                .see("P3", "Earbuds", "Kopfhörer", null)
                .see("P4", null, null, Double.NaN)
                .build(Map.of("P1", new ProductCatalogue.Flags(false, true)));

        assertThat(catalogue.size()).isEqualTo(4);
        int p2 = catalogue.index("P2").orElseThrow();
        int p3 = catalogue.index("P3").orElseThrow();
        assertThat(catalogue.name(p2)).isEqualTo("Headphones X");
        assertThat(catalogue.price(p2)).isEqualTo(89.0);
        assertThat(catalogue.category(p2)).isEqualTo("Headphones");
        assertThat(catalogue.categoryOf(p3)).as("German and English name one category").isEqualTo(
                catalogue.categoryOf(p2));
        assertThat(catalogue.categoryIndex("kopfhörer")).contains(catalogue.categoryOf(p2));
        assertThat(catalogue.categories()).isEqualTo(2);
        int p4 = catalogue.index("P4").orElseThrow();
        assertThat(catalogue.name(p4)).isNull();
        assertThat(catalogue.price(p4)).isNull();
        assertThat(catalogue.categoryOf(p4)).isEqualTo(-1);
        assertThat(catalogue.facts().active()[catalogue.index("P1").orElseThrow()]).isFalse();
        assertThat(catalogue.facts().inStock()[catalogue.index("P1").orElseThrow()]).isTrue();
        assertThat(catalogue.withFlags(Map.of()).facts().active()[catalogue.index("P1").orElseThrow()]).isTrue();
    }
}
