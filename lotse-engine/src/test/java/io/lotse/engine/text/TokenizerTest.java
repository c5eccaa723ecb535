package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenizerTest {

    @Test
    void wordsAreLowerCasedAndKeepUmlautsHyphensAndApostrophes() {
        assertThat(Tokenizer.words("Wo bleibt meine Bestellung LS-2026-000123? I haven't got it, Größe XL!"))
                .containsExactly("wo", "bleibt", "meine", "bestellung", "ls-2026-000123", "i", "haven't", "got", "it",
                        "größe", "xl");
    }

    @Test
    void textWithoutLettersHasNoWords() {
        assertThat(Tokenizer.words("  ?!… \n")).isEmpty();
        assertThat(Tokenizer.words("")).isEmpty();
    }

    @Test
    void composedAndDecomposedUmlautsGiveTheSameWord() {
        assertThat(Tokenizer.words("Ru\u0308ckgabe")).isEqualTo(Tokenizer.words("Rückgabe"));
    }
}
