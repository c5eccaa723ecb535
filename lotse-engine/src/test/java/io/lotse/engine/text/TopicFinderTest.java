package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFinderTest {

    @Test
    void groupsSimilarMessagesAndNamesThemByTheirDistinctiveWords() {
        List<String> texts = new ArrayList<>();
        List<float[]> embeddings = new ArrayList<>();
        List<float[]> klarna = HdbscanTest.blob(new float[] {1, 0, 0}, 8, 0.05, 1);
        List<float[]> paypal = HdbscanTest.blob(new float[] {0, 1, 0}, 8, 0.05, 2);
        for (int i = 0; i < 8; i++) {
            texts.add("Kann ich mit Klarna Ratenkauf bezahlen? Frage " + i);
            embeddings.add(klarna.get(i));
            texts.add("Does the store accept PayPal express checkout? Question " + i);
            embeddings.add(paypal.get(i));
        }
        texts.add("Wie wird das Wetter?");
        embeddings.add(new float[] {0, 0, 1});

        List<Topic> topics = new TopicFinder(4, 6).find(texts, embeddings);

        assertThat(topics).hasSize(2);
        assertThat(topics).extracting(Topic::name).anySatisfy(name -> assertThat(name).contains("klarna"))
                .anySatisfy(name -> assertThat(name).contains("paypal"));
        assertThat(topics).allSatisfy(topic -> assertThat(topic.members()).hasSize(8));
        assertThat(topics.get(0).keyTerms()).doesNotContain("ich", "the");
    }
}
