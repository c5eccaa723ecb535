package io.lotse.engine.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    void germanMessagesReadTheEnglishEmbeddingWithLessWeight() {
        IntentTrainer.Settings defaults = IntentTrainer.Settings.defaults();

        assertThat(defaults.embeddingWeightOf("Wo bleibt meine Bestellung? Ich warte schon seit einer Woche."))
                .isEqualTo(1.0);
        assertThat(defaults.embeddingWeightOf("Where is my order? I have been waiting for a week.")).isEqualTo(3.0);
        assertThat(defaults.withOneEmbeddingWeight()
                .embeddingWeightOf("Wo bleibt meine Bestellung? Ich warte schon seit einer Woche.")).isEqualTo(3.0);
        assertThatIllegalArgumentException().isThrownBy(() -> new IntentTrainer.Settings(defaults.features(), 3,
                Map.of("de", -1.0), 12, 0.5, 2e-5, 0.1, 42, null, 0.01));
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
        // a 1% quantile of 100 would be the least confident one alone: not enough to set a threshold on
        assertThat(IntentTrainer.outOfScopeThreshold(heldOut, predictions, OOS, 0.01)).isZero();
        assertThat(IntentTrainer.outOfScopeThreshold(heldOut, predictions, OOS, 0.04)).isZero();
    }

    private static IntentPrediction prediction(String intent, double confidence) {
        return new IntentPrediction(intent, confidence, confidence / 2, "y", false,
                List.of(new IntentScore(intent, confidence)));
    }

    @Test
    void groupedFoldsKeepEachGroupTogetherAndBalanceEachIntent() {
        List<LabelledText> examples = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (String intent : List.of("a", "b")) {
            for (int group = 0; group < 10; group++) {
                for (int i = 0; i <= group % 3; i++) {
                    examples.add(new LabelledText(intent + group + "-" + i, intent));
                    groups.add(intent + group);
                }
            }
        }

        List<List<LabelledText>> folds = IntentTrainer.foldsOfGroups(examples, groups, 5, 42);

        assertThat(folds).hasSize(5);
        assertThat(folds.stream().mapToInt(List::size).sum()).isEqualTo(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            String group = groups.get(i);
            int fold = foldOf(folds, examples.get(i));
            for (int j = 0; j < examples.size(); j++) {
                if (groups.get(j).equals(group)) {
                    assertThat(foldOf(folds, examples.get(j))).isEqualTo(fold);
                }
            }
        }
        // each intent: 19 examples in groups of 1 to 3 over five folds
        for (List<LabelledText> fold : folds) {
            assertThat(fold.stream().filter(example -> example.label().equals("a")).count()).isBetween(3L, 5L);
        }
        assertThat(IntentTrainer.foldsOfGroups(examples, groups, 5, 42)).isEqualTo(folds);
    }

    private static int foldOf(List<List<LabelledText>> folds, LabelledText example) {
        for (int f = 0; f < folds.size(); f++) {
            if (folds.get(f).contains(example)) {
                return f;
            }
        }
        throw new AssertionError(example + " is in no fold");
    }

    @Test
    void crossValidationHoldsOutSimilarPhrasingsTogetherAndSaysSo() {
        IntentTrainer.CrossValidation validation = trainer.crossValidate(shop(), 5, settings);

        assertThat(validation.method()).startsWith("5-fold cross-validation by groups of similar phrasings");
        assertThat(validation.outcomes()).hasSizeGreaterThan(200);
    }

    @Test
    void thresholdsFromGroupedValidationAreStricterThanFromPlainCrossValidation() {
        // six phrasings per intent in words the others do not share, each written three times with other order
        // numbers: plain cross-validation mostly has a near-twin of a held-out example in training, grouped
        // validation holds the twins out with it, as a customer's own words would be new
        String[][] intents = {
            {"where_is_my_order", "Wo bleibt mein Paket %d?", "Lieferung %d fehlt noch", "Sendung %d nie angekommen",
                "Tracking %d zeigt nichts", "Zusteller kam nicht %d", "Ist Auftrag %d unterwegs?"},
            {"invoice_copy", "Rechnung %d bitte senden", "Beleg für Kauf %d fehlt", "Quittung %d benötigt",
                "Steuerbeleg zu %d", "Kopie der Faktura %d", "Zahlungsnachweis %d schicken"},
            {"return_item", "Rücksendung von %d", "Artikel %d zurückgeben", "Umtausch %d möglich?",
                "Retoure %d anmelden", "Passt nicht, %d zurück", "Widerruf für %d"}};
        List<LabelledText> examples = new ArrayList<>();
        for (String[] intent : intents) {
            for (int phrasing = 1; phrasing < intent.length; phrasing++) {
                for (int i = 0; i < 3; i++) {
                    examples.add(new LabelledText(String.format(intent[phrasing], 4000 + 17 * i), intent[0]));
                }
            }
        }
        List<String> eachAlone = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            eachAlone.add("example " + i);
        }
        IntentTrainer.Settings noOutOfScope = IntentTrainer.Settings.defaults();

        AutomationThresholds plain = AutomationThresholds.choose(
                trainer.crossValidate(examples, eachAlone, 5, noOutOfScope).outcomes(), 0.98, 0);
        AutomationThresholds grouped = AutomationThresholds.choose(
                trainer.crossValidate(examples, 5, noOutOfScope).outcomes(), 0.98, 0);

        assertThat(plain.coverage()).isGreaterThan(0.5);
        assertThat(grouped.coverage()).isLessThan(plain.coverage() / 2);
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
