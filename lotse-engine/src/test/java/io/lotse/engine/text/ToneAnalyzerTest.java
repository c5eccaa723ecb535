package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ToneAnalyzerTest {

    private final ToneAnalyzer tone = new ToneAnalyzer();

    @Test
    void angryMessagesAreNegativeAndUrgent() {
        String text = "Das ist eine Frechheit! Ich warte immer noch auf mein Geld, ich schalte jetzt meinen Anwalt ein!!";

        assertThat(tone.sentiment(text).label()).isEqualTo(Sentiment.Label.NEGATIVE);
        Urgency urgency = tone.urgency(text);
        assertThat(urgency.level()).isEqualTo(Urgency.Level.HIGH);
        assertThat(urgency.cues()).contains("anwalt", "immer noch");
    }

    @Test
    void thanksArePositiveAndNotUrgent() {
        String text = "Thank you so much, the jumper is great!";

        assertThat(tone.sentiment(text).label()).isEqualTo(Sentiment.Label.POSITIVE);
        assertThat(tone.urgency(text).level()).isEqualTo(Urgency.Level.LOW);
    }

    @Test
    void negationFlipsPolarity() {
        assertThat(tone.sentiment("I am not happy with this").score()).isNegative();
        assertThat(tone.sentiment("Ich bin nicht zufrieden").score()).isNegative();
    }

    @Test
    void plainQuestionsAreNeutralAndNormal() {
        String text = "What are your opening hours?";

        assertThat(tone.sentiment(text).label()).isEqualTo(Sentiment.Label.NEUTRAL);
        assertThat(tone.urgency(text).level()).isEqualTo(Urgency.Level.NORMAL);
    }
}
