package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntentTrainerTest {

    private static final String OOS = "out_of_scope";

    /** A small shop: four intents in German and English plus messages about something else. */
    static List<LabelledText> shop() {
        List<LabelledText> examples = new ArrayList<>();
        String[][] intents = {
            {"where_is_my_order", "Wo bleibt meine Bestellung %d?", "Where is my order %d?",
                "Meine Lieferung %d ist noch nicht da", "My parcel %d has not arrived yet"},
            {"return_item", "Ich möchte Artikel %d zurückschicken", "I want to return item %d",
                "Wie funktioniert die Rücksendung von %d?", "How do I send back item %d?"},
            {"invoice_copy", "Bitte schicken Sie mir die Rechnung %d", "Please send me invoice %d",
                "Mir fehlt die Rechnung zu %d", "The invoice for %d is missing"},
            {"opening_hours", "Wann haben Sie am Tag %d geöffnet?", "What are your opening hours on day %d?",
                "Haben Sie am %d. Mai offen?", "Are you open on May %d?"},
            {OOS, "Wie wird das Wetter am %d.?", "What will the weather be like on the %dth?",
                "Suchen Sie Mitarbeiter für Lager %d?", "Are you hiring for warehouse %d?"}};
        for (String[] intent : intents) {
            for (int i = 0; i < 12; i++) {
                for (int t = 1; t < intent.length; t++) {
                    examples.add(new LabelledText(String.format(intent[t], 100 + i * 7), intent[0]));
                }
            }
        }
        return examples;
    }

    private final IntentTrainer trainer = new IntentTrainer(SentenceEmbedder.none(), () -> 0L);
    private final IntentTrainer.Settings settings = IntentTrainer.Settings.defaults().withOutOfScopeLabel(OOS);

    @Test
    void learnsTheIntentsAndCalibratesItsConfidence() {
        IntentTrainer.Result result = trainer.train(shop(), settings);
        IntentClassifier classifier = result.classifier();

        IntentPrediction prediction = classifier.classify("Wo bleibt denn meine Bestellung 4711?");
        assertThat(prediction.intent()).isEqualTo("where_is_my_order");
        assertThat(prediction.outOfScope()).isFalse();
        assertThat(prediction.confidence()).isBetween(0.0, 1.0);
        assertThat(prediction.margin()).isBetween(0.0, prediction.confidence());
        assertThat(prediction.runnerUp()).isNotEqualTo("where_is_my_order");
        assertThat(prediction.ranking()).hasSizeLessThanOrEqualTo(5);
        assertThat(prediction.ranking().get(0).intent()).isEqualTo("where_is_my_order");
        assertThat(classifier.classify("Please send me the invoice 555").intent()).isEqualTo("invoice_copy");
        assertThat(classifier.classify("Are you hiring for the warehouse?").intent()).isEqualTo(OOS);
    }

    @Test
    void recordsWhereTheModelCameFrom() {
        IntentTrainer.Result result = trainer.train(shop(), settings);
        IntentModelProvenance provenance = result.classifier().provenance();

        assertThat(provenance.examples()).isEqualTo(240);
        assertThat(provenance.examplesPerIntent()).containsEntry("return_item", 48);
        assertThat(provenance.validationSource()).isEqualTo("split");
        assertThat(provenance.validationExamples()).isEqualTo(result.validation().size()).isPositive();
        assertThat(provenance.embedding()).isEqualTo("none");
        assertThat(provenance.temperature()).isPositive();
        assertThat(provenance.validationAccuracy()).isGreaterThan(0.9);
        assertThat(provenance.settings()).isEqualTo(settings);
        assertThat(provenance.outOfScopeLabel()).isEqualTo(OOS);
    }

    @Test
    void theSameSeedGivesTheSameModel() {
        IntentPrediction first = trainer.train(shop(), settings).classifier().classify("Rechnung bitte");
        IntentPrediction second = trainer.train(shop(), settings).classifier().classify("Rechnung bitte");

        assertThat(first).isEqualTo(second);
    }

    @Test
    void aGivenValidationSetIsUsedAsIs() {
        List<LabelledText> validation = List.of(new LabelledText("Wo ist mein Paket 99?", "where_is_my_order"),
                new LabelledText("Rechnung 12 fehlt", "invoice_copy"));

        IntentTrainer.Result result = trainer.train(shop(), validation, settings);

        assertThat(result.validation()).extracting(IntentTrainer.ValidationOutcome::label)
                .containsExactly("where_is_my_order", "invoice_copy");
        assertThat(result.classifier().provenance().validationSource()).isEqualTo("given");
    }

    @Test
    void aLowConfidenceMessageIsOutOfScopeWhenTheThresholdSaysSo() {
        IntentTrainer.Result result = trainer.train(shop(), settings);
        double threshold = result.classifier().provenance().outOfScopeThreshold();

        for (IntentTrainer.ValidationOutcome outcome : result.validation()) {
            if (outcome.prediction().confidence() < threshold) {
                assertThat(outcome.prediction().outOfScope()).isTrue();
                assertThat(outcome.prediction().intent()).isEqualTo(OOS);
            }
        }
    }

    @Test
    void oneIntentIsNotEnough() {
        assertThatIllegalArgumentException().isThrownBy(() -> trainer.train(
                List.of(new LabelledText("a", "x"), new LabelledText("b", "x")), settings));
    }

    @Test
    void validationLabelsMustBeKnown() {
        assertThatIllegalArgumentException().isThrownBy(() -> trainer.train(shop(),
                List.of(new LabelledText("hallo", "unknown_intent")), settings));
    }

    @Test
    void thresholdRejectsTheGivenShareOfRightInScopePredictions() {
        List<LabelledText> heldOut = new ArrayList<>();
        List<IntentPrediction> predictions = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            heldOut.add(new LabelledText("m" + i, "x"));
            predictions.add(prediction("x", i / 100.0));
        }
        heldOut.add(new LabelledText("wrong", "x"));
        predictions.add(prediction("y", 0.001));
        heldOut.add(new LabelledText("outside", OOS));
        predictions.add(prediction("x", 0.9));

        // 5% of the 100 right predictions (and a virtual one at 0): the 5th lowest, 0.05; wrong and out-of-scope
        // messages do not count
        assertThat(IntentTrainer.outOfScopeThreshold(heldOut, predictions, OOS, 0.05)).isEqualTo(0.05);
        assertThat(IntentTrainer.outOfScopeThreshold(heldOut, predictions, OOS, 0)).isZero();
        // too few right predictions for a 1% quantile: no threshold
        assertThat(IntentTrainer.outOfScopeThreshold(heldOut.subList(0, 50), predictions.subList(0, 50), OOS, 0.01))
                .isZero();
    }

    private static IntentPrediction prediction(String intent, double confidence) {
        return new IntentPrediction(intent, confidence, confidence / 2, "y", false,
                List.of(new IntentScore(intent, confidence)));
    }

    @Test
    void stratifiedSplitKeepsEveryIntentAndIsSeeded() {
        List<LabelledText> examples = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            examples.add(new LabelledText("a" + i, "a"));
            examples.add(new LabelledText("b" + i, "b"));
        }

        List<List<LabelledText>> split = IntentTrainer.stratifiedSplit(examples, 0.2, 42);

        assertThat(split.get(1)).hasSize(4).extracting(LabelledText::label).containsExactlyInAnyOrder("a", "a", "b",
                "b");
        assertThat(split.get(0)).hasSize(16);
        assertThat(IntentTrainer.stratifiedSplit(examples, 0.2, 42)).isEqualTo(split);
    }
}
