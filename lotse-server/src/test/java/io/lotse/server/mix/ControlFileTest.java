package io.lotse.server.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Control-variable files: both layouts, the ways a value may be written, days averaged into weeks. */
class ControlFileTest {

    private static ControlFile.Content read(String name, String text) throws IOException {
        return ControlFile.read(name, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void averagesTheDaysOfAWeek() throws IOException {
        ControlFile.Content content = read("promo.csv", """
                date,promotion,price index
                2026-01-05,yes,100
                2026-01-06,no,102
                2026-01-07,x,101
                2026-01-12,false,99.5
                """);
        assertThat(content.layout()).isEqualTo("wide");
        assertThat(content.weeks().get(LocalDate.of(2026, 1, 5))).containsEntry("promotion", 2.0 / 3)
                .containsEntry("price_index", 101.0);
        assertThat(content.weeks().get(LocalDate.of(2026, 1, 12))).containsEntry("promotion", 0.0);
    }

    @Test
    void readsTheLongLayoutWithGermanNumbers() throws IOException {
        ControlFile.Content content = read("kontrollen.csv", """
                Woche;Kontrollvariable;Wert
                KW 2/2026;Rabatt;15 %
                KW 2/2026;Wettbewerb;-1,5
                KW 3/2026;;1
                KW 3/2026;Rabatt;viel
                """);
        assertThat(content.layout()).isEqualTo("long");
        assertThat(content.weeks().get(LocalDate.of(2026, 1, 5))).containsEntry("rabatt", 0.15)
                .containsEntry("wettbewerb", -1.5);
        assertThat(content.rejected()).extracting(SpendFile.Rejected::reason)
                .containsExactly("missing_control", "invalid_value");
        assertThat(content.rejected()).extracting(SpendFile.Rejected::line).containsExactly(4L, 5L);
    }

    @Test
    void namesWhatTheHeaderLacks() {
        assertThatThrownBy(() -> read("x.csv", "promotion,price\n1,2\n")).isInstanceOf(SpendImportException.class)
                .hasMessageContaining("no date column");
        assertThatThrownBy(() -> read("x.csv", "week,control\n2026-01-05,promo\n"))
                .isInstanceOf(SpendImportException.class).hasMessageContaining("no value column");
        assertThatThrownBy(() -> read("x.pdf", "%PDF")).isInstanceOf(SpendImportException.class)
                .hasMessageContaining("control variables");
    }
}
