package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageFrameTest {

    @Test
    void greetingAndClosingWithNameAreDropped() {
        assertThat(MessageFrame.strip("Hallo zusammen,\n\nWo bleibt meine Bestellung LS-2026-000123?\n\n"
                + "Viele Grüße\nAda Lovelace")).isEqualTo("Wo bleibt meine Bestellung LS-2026-000123?");
        assertThat(MessageFrame.strip("Dear Sir or Madam,\nI would like to return the scarf. Kind regards"))
                .isEqualTo("I would like to return the scarf.");
        assertThat(MessageFrame.strip("Hallo Frau Müller, kann ich noch etwas hinzufügen? Danke im Voraus!"))
                .isEqualTo("kann ich noch etwas hinzufügen?");
    }

    @Test
    void wordsThatOnlyLookLikeAFrameStay() {
        assertThat(MessageFrame.strip("Hi there is a problem with my invoice"))
                .isEqualTo("Hi there is a problem with my invoice");
        assertThat(MessageFrame.strip("Liebe Grüße gibt es nicht, nur Ärger mit der Lieferung"))
                .isEqualTo("Liebe Grüße gibt es nicht, nur Ärger mit der Lieferung");
        assertThat(MessageFrame.strip("I have a question with best regards to my order"))
                .isEqualTo("I have a question with best regards to my order");
    }

    @Test
    void longRunsOfLineBreaksAreReadLikeAnyText() {
        String text = "Wo ist mein Paket?" + "\n".repeat(19_000) + "Gruß";

        assertThat(MessageFrame.strip(text)).isEqualTo("Wo ist mein Paket?");
        assertThat(MessageFrame.strip("a" + "\n.".repeat(9_000) + "b")).startsWith("a").endsWith("b");
    }

    @Test
    void aMessageThatIsAllFrameStaysWhole() {
        assertThat(MessageFrame.strip("  Thank you!  ")).isEqualTo("Thank you!");
        assertThat(MessageFrame.strip("Hallo,\n\nViele Grüße")).isEqualTo("Hallo,\n\nViele Grüße");
        assertThat(MessageFrame.strip("")).isEmpty();
    }
}
