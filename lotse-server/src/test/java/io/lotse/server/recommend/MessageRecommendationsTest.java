package io.lotse.server.recommend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class MessageRecommendationsTest {

    @Test
    void reasonsAreGermanForAGermanLocaleTraitAndEnglishOtherwise() {
        assertThat(MessageRecommendations.locale("de-AT")).isEqualTo(Locale.GERMAN);
        assertThat(MessageRecommendations.locale("de_DE")).isEqualTo(Locale.GERMAN);
        assertThat(MessageRecommendations.locale("fr-FR")).as("no French texts").isEqualTo(Locale.ENGLISH);
        assertThat(MessageRecommendations.locale(" ")).isEqualTo(Locale.ENGLISH);
        assertThat(MessageRecommendations.locale(null)).isEqualTo(Locale.ENGLISH);
    }
}
