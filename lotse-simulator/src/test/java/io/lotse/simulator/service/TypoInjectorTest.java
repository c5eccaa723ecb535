package io.lotse.simulator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TypoInjectorTest {

    private static final String TEXT = "Meine Bestellung LS-2026-000123 ist noch nicht angekommen, bitte an "
            + "anna.schmidt12@postfach.example antworten. Können Sie nachsehen?";

    @Test
    void orderNumbersAndEmailAddressesSurviveEveryTypo() {
        for (long seed = 0; seed < 200; seed++) {
            TypoInjector.Result result = TypoInjector.inject(TEXT, "de", 1.0, true, new SplittableRandom(seed));
            assertThat(result.text().toUpperCase(java.util.Locale.ROOT)).contains("LS-2026-000123");
            assertThat(result.text()).contains("anna.schmidt12@postfach.example");
        }
    }

    @Test
    void theSameSeedGivesTheSameTyposAndRateZeroGivesNone() {
        TypoInjector.Result first = TypoInjector.inject(TEXT, "de", 0.5, false, new SplittableRandom(3));
        TypoInjector.Result second = TypoInjector.inject(TEXT, "de", 0.5, false, new SplittableRandom(3));
        assertThat(first).isEqualTo(second);
        assertThat(first.typos()).isPositive();
        assertThat(first.text()).isNotEqualTo(TEXT);
        TypoInjector.Result none = TypoInjector.inject(TEXT, "de", 0, false, new SplittableRandom(3));
        assertThat(none.text()).isEqualTo(TEXT);
        assertThat(none.typos()).isZero();
    }

    @Test
    void englishTextGetsEnglishKeyboardTypos() {
        int changed = 0;
        for (long seed = 0; seed < 50; seed++) {
            TypoInjector.Result result = TypoInjector.inject("Where is my parcel please", "en", 0.8, false,
                    new SplittableRandom(seed));
            changed += result.typos();
            assertThat(result.text()).doesNotContain("ü", "ö", "ä");
        }
        assertThat(changed).isGreaterThan(50);
    }
}
