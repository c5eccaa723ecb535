package io.lotse.engine.text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Language detection by character n-gram profiles: a naive Bayes model over the character 1- to 3-grams of the
 * words (with a space before and after each), add-one smoothed. The built-in detector knows German and English
 * from sample text written for this class; {@link #train} builds one for any languages from sample texts.
 * Immutable and thread-safe.
 */
public final class LanguageDetector {

    private static final int MAX_GRAM = 3;

    private static final String GERMAN = """
            Hallo, ich habe letzte Woche eine Bestellung aufgegeben und warte immer noch auf die Lieferung. Können Sie
            mir bitte sagen, wo mein Paket ist? Die Sendungsverfolgung zeigt seit Tagen nichts Neues. Ich möchte den
            Artikel zurückschicken, weil er nicht passt. Wie bekomme ich ein Retourenetikett? Wann wird mir das Geld
            erstattet? Die Rechnung fehlt in meinem Kundenkonto, bitte schicken Sie mir eine Kopie. Meine Zahlung ist
            fehlgeschlagen, obwohl genug Geld auf dem Konto war. Der Gutschein funktioniert nicht. Ich würde gern meine
            Adresse ändern, bevor die Ware verschickt wird. Das Produkt ist beschädigt angekommen und der Karton war
            nass. Es fehlt ein Teil in der Lieferung. Ich habe die falsche Größe bekommen und möchte sie umtauschen.
            Wie hoch sind die Versandkosten nach Österreich und in die Schweiz? Gibt es eine Expresslieferung? Wann
            haben Sie geöffnet? Mein Konto ist gesperrt und ich kann mich nicht anmelden. Ich habe mein Passwort
            vergessen. Bitte löschen Sie mein Konto und alle meine Daten. Ich möchte keine Werbung und keinen
            Newsletter mehr bekommen. Ist der Artikel wieder vorrätig? Haben Sie das auch in Schwarz? Gilt die
            Garantie auch für den Akku? Können Sie die Bestellung als Geschenk verpacken? Wie viele Punkte habe ich
            auf meiner Kundenkarte? Wir brauchen eine Rechnung mit unserer Umsatzsteuer-Identifikationsnummer für die
            Firma. Das ist wirklich ärgerlich, ich bin sehr unzufrieden mit dem Service. Vielen Dank für Ihre schnelle
            Hilfe und freundliche Grüße. Der, die, das, und, ist, nicht, ein, eine, mit, auf, für, von, zu, es, sich,
            auch, noch, schon, aber, wenn, dass, wie, was, wir, sie, über, nach, bei, vor, gegen, durch, ohne, heute,
            morgen, gestern, sehr, gut, schlecht, größer, kleiner, zurück, Geld, Zeit, Woche, Tag, Monat, Jahr.
            """;

    private static final String ENGLISH = """
            Hello, I placed an order last week and I am still waiting for the delivery. Could you please tell me where
            my parcel is? The tracking has not shown anything new for days. I would like to return the item because it
            does not fit. How do I get a return label? When will my money be refunded? The invoice is missing from my
            account, please send me a copy. My payment failed although there was enough money in the account. The
            voucher code does not work. I would like to change my address before the goods are shipped. The product
            arrived damaged and the box was wet. One part is missing from the delivery. I received the wrong size and
            want to exchange it. How much is shipping to Austria and Switzerland? Is there an express delivery? What
            are your opening hours? My account is locked and I cannot log in. I forgot my password. Please delete my
            account and all of my data. I do not want to receive any more advertising or the newsletter. Is the item
            back in stock? Do you also have this in black? Does the warranty cover the battery too? Can you gift wrap
            the order? How many points are on my loyalty card? We need an invoice with our VAT number for the company.
            This is really annoying, I am very unhappy with the service. Thank you for your quick help and kind
            regards. The, and, is, not, a, an, with, on, for, of, to, it, also, still, already, but, if, that, how,
            what, we, they, about, after, at, before, against, through, without, today, tomorrow, yesterday, very,
            good, bad, bigger, smaller, back, money, time, week, day, month, year, would, should, which, there, their.
            """;

    private static final LanguageDetector BUILT_IN = train(Map.of("de", List.of(GERMAN), "en", List.of(ENGLISH)));

    private final String[] languages;
    private final List<Map<String, Double>> logProbabilities;
    private final double[] unseenLogProbability;

    private LanguageDetector(String[] languages, List<Map<String, Double>> logProbabilities,
            double[] unseenLogProbability) {
        this.languages = languages;
        this.logProbabilities = logProbabilities;
        this.unseenLogProbability = unseenLogProbability;
    }

    /** German and English. */
    public static LanguageDetector builtIn() {
        return BUILT_IN;
    }

    /**
     * A detector for the languages of the samples.
     *
     * @param samples texts per language code
     * @throws IllegalArgumentException with fewer than two languages or a language without text
     */
    public static LanguageDetector train(Map<String, List<String>> samples) {
        if (samples.size() < 2) {
            throw new IllegalArgumentException("language detection needs samples of at least two languages");
        }
        TreeMap<String, List<String>> sorted = new TreeMap<>(samples);
        String[] languages = sorted.keySet().toArray(String[]::new);
        List<Map<String, Double>> logProbabilities = new java.util.ArrayList<>();
        double[] unseen = new double[languages.length];
        for (int l = 0; l < languages.length; l++) {
            Map<String, Integer> counts = new HashMap<>();
            int total = 0;
            for (String text : sorted.get(languages[l])) {
                for (String gram : grams(text)) {
                    counts.merge(gram, 1, Integer::sum);
                    total++;
                }
            }
            if (total == 0) {
                throw new IllegalArgumentException("no text for language '" + languages[l] + "'");
            }
            double denominator = total + counts.size() + 1.0;
            Map<String, Double> logs = new HashMap<>();
            counts.forEach((gram, count) -> logs.put(gram, Math.log((count + 1) / denominator)));
            logProbabilities.add(logs);
            unseen[l] = Math.log(1 / denominator);
        }
        return new LanguageDetector(languages, List.copyOf(logProbabilities), unseen);
    }

    /** The most likely language of the text; {@code und} with confidence 0 when it has no letters. */
    public LanguageGuess detect(String text) {
        List<String> grams = grams(text);
        if (grams.isEmpty()) {
            return new LanguageGuess(LanguageGuess.UNDETERMINED, 0);
        }
        double[] scores = new double[languages.length];
        for (int l = 0; l < languages.length; l++) {
            Map<String, Double> logs = logProbabilities.get(l);
            double score = 0;
            for (String gram : grams) {
                score += logs.getOrDefault(gram, unseenLogProbability[l]);
            }
            scores[l] = score;
        }
        int best = 0;
        for (int l = 1; l < scores.length; l++) {
            if (scores[l] > scores[best]) {
                best = l;
            }
        }
        double sum = 0;
        for (double score : scores) {
            sum += Math.exp(score - scores[best]);
        }
        return new LanguageGuess(languages[best], 1 / sum);
    }

    /** The languages this detector chooses from. */
    public List<String> languages() {
        return List.of(languages);
    }

    private static List<String> grams(String text) {
        List<String> grams = new java.util.ArrayList<>();
        for (String word : Tokenizer.words(text)) {
            if (!word.chars().allMatch(Character::isLetter)) {
                continue;
            }
            String padded = " " + word + " ";
            for (int n = 1; n <= MAX_GRAM; n++) {
                for (int i = 0; i + n <= padded.length(); i++) {
                    String gram = padded.substring(i, i + n);
                    if (!" ".equals(gram)) {
                        grams.add(gram);
                    }
                }
            }
        }
        return grams;
    }
}
