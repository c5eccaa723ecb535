package io.lotse.engine.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sentiment and urgency of German and English messages from word lists (lexicon-based): each listed word
 * counts with its weight, a negation within the three words before it ("nicht", "kein", "not", "never", "n't")
 * flips it, an intensifier before it ("sehr", "total", "very", "really") makes it count half again; the sum is
 * squashed by tanh into -1..1. Urgency starts at 0.3 and rises with urgency words and phrases ("dringend",
 * "sofort", "immer noch", "urgent", "asap", "still not", a lawyer, a chargeback), negative sentiment and repeated
 * exclamation marks; a positive, cue-free message is low. Deterministic and thread-safe.
 */
public final class ToneAnalyzer {

    private static final Map<String, Double> POLARITY = Map.ofEntries(
            // German
            Map.entry("danke", 1.0), Map.entry("vielen", 0.3), Map.entry("super", 1.5), Map.entry("toll", 1.5),
            Map.entry("prima", 1.2), Map.entry("zufrieden", 1.2), Map.entry("gut", 0.8), Map.entry("schnell", 0.5),
            Map.entry("freundlich", 1.0), Map.entry("freue", 1.0), Map.entry("gerne", 0.5), Map.entry("perfekt", 1.5),
            Map.entry("klasse", 1.2), Map.entry("hilfreich", 1.0), Map.entry("begeistert", 1.8),
            Map.entry("ärgerlich", -1.5), Map.entry("ärgere", -1.5), Map.entry("verärgert", -1.8),
            Map.entry("enttäuscht", -1.8), Map.entry("enttäuschend", -1.8), Map.entry("unzufrieden", -1.8),
            Map.entry("schlecht", -1.2), Map.entry("schlechter", -1.3), Map.entry("katastrophe", -2.5),
            Map.entry("frechheit", -2.5), Map.entry("unverschämt", -2.5), Map.entry("unmöglich", -1.5),
            Map.entry("beschädigt", -1.0), Map.entry("kaputt", -1.2), Map.entry("defekt", -1.0),
            Map.entry("falsch", -0.8), Map.entry("falsche", -0.8), Map.entry("falschen", -0.8),
            Map.entry("fehlt", -0.6), Map.entry("leider", -0.6), Map.entry("problem", -0.7),
            Map.entry("beschwerde", -1.2), Map.entry("reklamation", -0.8), Map.entry("ärger", -1.5),
            Map.entry("wütend", -2.0), Map.entry("sauer", -1.5), Map.entry("nervt", -1.5),
            Map.entry("miserabel", -2.2), Map.entry("schrecklich", -2.0), Map.entry("mangelhaft", -1.5),
            Map.entry("betrug", -2.5), Map.entry("abzocke", -2.5), Map.entry("nie", -0.5),
            // English
            Map.entry("thanks", 1.0), Map.entry("thank", 1.0), Map.entry("great", 1.5), Map.entry("love", 1.5),
            Map.entry("happy", 1.2), Map.entry("good", 0.8), Map.entry("excellent", 1.8), Map.entry("perfect", 1.5),
            Map.entry("helpful", 1.0), Map.entry("quick", 0.5), Map.entry("friendly", 1.0),
            Map.entry("pleased", 1.2), Map.entry("awesome", 1.8), Map.entry("appreciate", 1.0),
            Map.entry("annoying", -1.5), Map.entry("annoyed", -1.5), Map.entry("angry", -2.0),
            Map.entry("disappointed", -1.8), Map.entry("disappointing", -1.8), Map.entry("unhappy", -1.8),
            Map.entry("bad", -1.2), Map.entry("worse", -1.3), Map.entry("worst", -2.2), Map.entry("terrible", -2.2),
            Map.entry("awful", -2.2), Map.entry("horrible", -2.2), Map.entry("ridiculous", -2.0),
            Map.entry("unacceptable", -2.2), Map.entry("outrageous", -2.5), Map.entry("scam", -2.5),
            Map.entry("fraud", -2.5), Map.entry("damaged", -1.0), Map.entry("broken", -1.2),
            Map.entry("defective", -1.0), Map.entry("wrong", -0.8), Map.entry("missing", -0.6),
            Map.entry("unfortunately", -0.6), Map.entry("issue", -0.5), Map.entry("complaint", -1.2),
            Map.entry("furious", -2.5), Map.entry("useless", -2.0), Map.entry("never", -0.5),
            Map.entry("poor", -1.2), Map.entry("frustrated", -1.8), Map.entry("frustrating", -1.8));

    private static final Set<String> NEGATIONS = Set.of("nicht", "kein", "keine", "keinen", "keiner", "nie",
            "niemals", "not", "no", "never", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "can't",
            "cannot", "won't", "haven't", "hasn't");
    private static final Set<String> INTENSIFIERS = Set.of("sehr", "total", "extrem", "wirklich", "absolut",
            "so", "äußerst", "very", "really", "extremely", "totally", "absolutely", "incredibly");

    private static final Map<String, Double> URGENT_WORDS = Map.ofEntries(
            Map.entry("dringend", 0.35), Map.entry("sofort", 0.3), Map.entry("umgehend", 0.3),
            Map.entry("schnellstmöglich", 0.3), Map.entry("eilig", 0.3), Map.entry("heute", 0.1),
            Map.entry("frist", 0.2), Map.entry("anwalt", 0.4), Map.entry("rechtsanwalt", 0.4),
            Map.entry("verbraucherzentrale", 0.4), Map.entry("rückbuchung", 0.35), Map.entry("mahnung", 0.3),
            Map.entry("wieder", 0.1), Map.entry("nochmal", 0.15), Map.entry("erneut", 0.15),
            Map.entry("urgent", 0.35), Map.entry("urgently", 0.35), Map.entry("asap", 0.35),
            Map.entry("immediately", 0.3), Map.entry("today", 0.1), Map.entry("deadline", 0.2),
            Map.entry("lawyer", 0.4), Map.entry("attorney", 0.4), Map.entry("chargeback", 0.35),
            Map.entry("again", 0.1), Map.entry("emergency", 0.35));
    private static final List<String> URGENT_PHRASES = List.of("immer noch", "noch immer", "bis heute",
            "so schnell wie möglich", "zum dritten mal", "zum zweiten mal", "still not", "still haven't",
            "still hasn't", "as soon as possible", "right away", "third time", "second time");

    /** The sentiment of a message. */
    public Sentiment sentiment(String text) {
        List<String> words = Tokenizer.words(text);
        double sum = 0;
        for (int i = 0; i < words.size(); i++) {
            Double polarity = POLARITY.get(words.get(i));
            if (polarity == null) {
                continue;
            }
            double value = polarity;
            for (int j = Math.max(0, i - 3); j < i; j++) {
                if (NEGATIONS.contains(words.get(j)) && !"nie".equals(words.get(i)) && !"never".equals(words.get(i))) {
                    value = -value * 0.7;
                    break;
                }
            }
            if (i > 0 && INTENSIFIERS.contains(words.get(i - 1))) {
                value *= 1.5;
            }
            sum += value;
        }
        int exclamations = count(text, '!');
        if (sum < 0 && exclamations >= 2) {
            sum -= 0.5;
        }
        return Sentiment.of(Math.tanh(sum / 2));
    }

    /** The urgency of a message, with the cues that raised it. */
    public Urgency urgency(String text) {
        List<String> words = Tokenizer.words(text);
        String lower = Tokenizer.normalise(text);
        List<String> cues = new ArrayList<>();
        double score = 0.3;
        for (String word : words) {
            Double weight = URGENT_WORDS.get(word);
            if (weight != null && !cues.contains(word)) {
                cues.add(word);
                score += weight;
            }
        }
        for (String phrase : URGENT_PHRASES) {
            if (lower.contains(phrase)) {
                cues.add(phrase);
                score += 0.2;
            }
        }
        if (count(text, '!') >= 2) {
            cues.add("!!");
            score += 0.1;
        }
        Sentiment sentiment = sentiment(text);
        if (sentiment.label() == Sentiment.Label.NEGATIVE) {
            cues.add("negative tone");
            score += 0.2 * Math.min(1, -sentiment.score() / 0.5);
        } else if (sentiment.label() == Sentiment.Label.POSITIVE && cues.isEmpty()) {
            score -= 0.1;
        }
        score = Math.max(0, Math.min(1, score));
        return new Urgency(score, Urgency.level(score), cues);
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
