package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

    private final LanguageDetector detector = LanguageDetector.builtIn();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Wo bleibt meine Bestellung? Ich warte schon seit zwei Wochen.|de",
        "Ich möchte den Pullover umtauschen, er ist zu klein.|de",
        "Moin, kann ich noch was an der bestelung ändern|de",
        "Where is my order? I have been waiting for two weeks.|en",
        "I'd like to exchange the jumper, it is too small.|en",
        "hi can i still change somthing in my order|en"})
    void recognisesGermanAndEnglish(String text, String language) {
        LanguageGuess guess = detector.detect(text);

        assertThat(guess.language()).isEqualTo(language);
        assertThat(guess.confidence()).isGreaterThan(0.5);
    }

    @Test
    void textWithoutLettersIsUndetermined() {
        assertThat(detector.detect("12345 !!! LS-2026-000123")).isEqualTo(new LanguageGuess("und", 0));
    }

    @Test
    void otherLanguagesCanBeTrained() {
        LanguageDetector custom = LanguageDetector.train(Map.of(
                "fr", List.of("bonjour où est ma commande je voudrais retourner cet article merci beaucoup"),
                "en", List.of("hello where is my order I would like to return this item thank you very much")));

        assertThat(custom.detect("où est ma commande").language()).isEqualTo("fr");
        assertThat(custom.languages()).containsExactly("en", "fr");
    }

    @Test
    void oneLanguageIsNotEnough() {
        assertThatIllegalArgumentException().isThrownBy(() -> LanguageDetector.train(Map.of("de", List.of("hallo"))));
    }
}
