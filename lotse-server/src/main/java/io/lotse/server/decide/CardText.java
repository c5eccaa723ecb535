package io.lotse.server.decide;

import io.lotse.server.mix.BudgetAnswer;
import io.lotse.server.mix.MixOutcome;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The words of a budget card, in German and English: the recommendation in one sentence, the evidence, and what
 * limits it. Plain language: amounts in euros over the plan's period, the expected change with its interval.
 */
public final class CardText {

    static final Locale GERMAN = Locale.GERMANY;
    static final Locale ENGLISH = Locale.UK;
    /** A channel's shift counts as a move when it is at least this share of the budget. */
    private static final double MOVE_SHARE = 0.01;
    private static final Map<String, String> GERMAN_CHANNELS = Map.of("paid_search", "Paid Search",
            "paid_social", "Paid Social", "display", "Display", "video", "Video", "affiliate", "Affiliate",
            "email", "E-Mail", "tv", "TV", "radio", "Radio", "print", "Print", "ooh", "Außenwerbung");
    private static final Map<String, String> ENGLISH_CHANNELS = Map.of("paid_search", "paid search",
            "paid_social", "paid social", "display", "display", "video", "video", "affiliate", "affiliate",
            "email", "email", "tv", "TV", "radio", "radio", "print", "print", "ooh", "out-of-home");

    private CardText() {}

    /**
     * The texts of a card.
     *
     * @param headline the recommendation in one sentence
     * @param evidence what it rests on
     * @param caveats  what limits it, one sentence each
     */
    public record Texts(String headline, String evidence, List<Caveat> caveats) {
    }

    /**
     * A caveat.
     *
     * @param code the stable code
     * @param text the sentence
     */
    public record Caveat(String code, String text) {
    }

    static Texts english(BudgetAnswer answer, String period) {
        return new Texts(headline(answer, period, ENGLISH), evidence(answer, ENGLISH), caveats(answer, ENGLISH));
    }

    static Texts german(BudgetAnswer answer, String period) {
        return new Texts(headline(answer, period, GERMAN), evidence(answer, GERMAN), caveats(answer, GERMAN));
    }

    /** "in December 2026" / "im Dezember 2026", for a plan starting in a month's first week. */
    static String period(LocalDate start, int weeks, Locale locale) {
        LocalDate middle = start.plusDays(weeks * 7L / 2);
        String month = middle.getMonth().getDisplayName(TextStyle.FULL, locale) + " " + middle.getYear();
        return locale.getLanguage().equals("de") ? "im " + month : "in " + month;
    }

    static String channel(String key, Locale locale) {
        Map<String, String> names = locale.getLanguage().equals("de") ? GERMAN_CHANNELS : ENGLISH_CHANNELS;
        return names.getOrDefault(key, key.replace('_', ' '));
    }

    private static String headline(BudgetAnswer answer, String period, Locale locale) {
        boolean german = locale.getLanguage().equals("de");
        String outcome = outcome(answer.outcome(), locale);
        String change = percent(answer.relativeChange().value(), locale) + " " + outcome;
        String interval = german
                ? String.format(locale, "%d-%%-Intervall %s bis %s", Math.round(100 * answer.relativeChange().level()),
                        percent(answer.relativeChange().lower(), locale), percent(answer.relativeChange().upper(),
                                locale))
                : String.format(locale, "%d%% interval %s to %s", Math.round(100 * answer.relativeChange().level()),
                        percent(answer.relativeChange().lower(), locale), percent(answer.relativeChange().upper(),
                                locale));
        List<BudgetAnswer.ChannelPlan> from = new ArrayList<>();
        List<BudgetAnswer.ChannelPlan> to = new ArrayList<>();
        double moved = 0;
        for (BudgetAnswer.ChannelPlan plan : answer.channels()) {
            double shift = plan.shift() * answer.weeks();
            if (Math.abs(shift) < MOVE_SHARE * answer.budget()) {
                continue;
            }
            if (shift < 0) {
                from.add(plan);
            } else {
                to.add(plan);
                moved += shift;
            }
        }
        if (from.isEmpty() || to.isEmpty()) {
            return german
                    ? "Die Aufteilung " + period + " beibehalten: keine Änderung ist verlässlich besser ("
                            + change + " erwartet, " + interval + ")."
                    : "Keep the current split " + period + ": no change is reliably better (" + change
                            + " expected, " + interval + ").";
        }
        from.sort(Comparator.comparingDouble(BudgetAnswer.ChannelPlan::shift));
        to.sort(Comparator.comparingDouble(BudgetAnswer.ChannelPlan::shift).reversed());
        String amount = euros(moved, locale);
        String sources = names(from, locale);
        String targets = names(to, locale);
        return german
                ? String.format(locale, "%s %s von %s zu %s verschieben: %s erwartet, %s.",
                        capitalise(period), amount, sources, targets, change, interval)
                : String.format(locale, "Move %s from %s to %s %s: %s expected, %s.", amount, sources, targets,
                        period, change, interval);
    }

    private static String names(List<BudgetAnswer.ChannelPlan> plans, Locale locale) {
        boolean german = locale.getLanguage().equals("de");
        List<String> names = plans.stream().limit(2).map(p -> channel(p.channel(), locale)).toList();
        String joined = String.join(german ? " und " : " and ", names);
        if (plans.size() > 2) {
            joined = String.join(", ", names) + (german ? " und weiteren" : " and others");
        }
        return joined;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    static String outcome(MixOutcome outcome, Locale locale) {
        boolean german = locale.getLanguage().equals("de");
        return switch (outcome) {
            case REVENUE -> german ? "Umsatz" : "revenue";
            case ORDERS -> german ? "Bestellungen" : "orders";
        };
    }

    /** A signed percentage with one decimal: +3.1% / +3,1 %. */
    static String percent(double share, Locale locale) {
        String number = String.format(locale, "%+.1f", 100 * share);
        return locale.getLanguage().equals("de") ? number + " %" : number + "%";
    }

    /** Whole euros: 12,000 EUR / 12.000 EUR. */
    static String euros(double amount, Locale locale) {
        NumberFormat format = NumberFormat.getIntegerInstance(locale);
        return format.format(Math.round(amount)) + " EUR";
    }

    private static String evidence(BudgetAnswer answer, Locale locale) {
        BudgetAnswer.Evidence e = answer.evidence();
        boolean german = locale.getLanguage().equals("de");
        String holdout = e.holdoutWeeks() == 0 ? ""
                : german ? String.format(locale, ", Abweichung in %d zurückgehaltenen Wochen %.1f %%", e.holdoutWeeks(),
                        100 * e.holdoutMape())
                : String.format(locale, ", error on %d held-out weeks %.1f%%", e.holdoutWeeks(), 100 * e.holdoutMape());
        return german
                ? String.format(locale, "Grundlage: %d Wochen (%s bis %s), R² %.2f%s, %d Bootstrap-Schätzungen, "
                        + "%d Lift-Tests; Modell %s.", e.weeks(), e.firstWeek(), e.lastWeek(), e.r2(), holdout,
                        e.bootstrap(), e.liftTests(), answer.modelVersion())
                : String.format(locale, "Based on %d weeks (%s to %s), R² %.2f%s, %d bootstrap refits, %d lift "
                        + "tests; model %s.", e.weeks(), e.firstWeek(), e.lastWeek(), e.r2(), holdout, e.bootstrap(),
                        e.liftTests(), answer.modelVersion());
    }

    private static List<Caveat> caveats(BudgetAnswer answer, Locale locale) {
        boolean german = locale.getLanguage().equals("de");
        List<Caveat> caveats = new ArrayList<>();
        for (String code : answer.caveats()) {
            String text = switch (code) {
                case "history_under_half_a_year" -> german
                        ? "Weniger als ein halbes Jahr Daten: Saison und Trend sind kaum zu trennen, die Empfehlung ist "
                                + "ein erster Anhaltspunkt."
                        : "Less than half a year of data: season and trend can hardly be told apart; take the "
                                + "recommendation as a first pointer.";
                case "history_under_a_year" -> german
                        ? "Weniger als ein Jahr Daten: die Saison ist noch nicht einmal ganz beobachtet."
                        : "Less than a year of data: the season has not been seen once in full.";
                case "weak_fit" -> german
                        ? "Das Modell erklärt die Wochenwerte nur mäßig; die Zahlen sind unsicher."
                        : "The model explains the weekly figures only moderately; the numbers are uncertain.";
                case "never_paused" -> german
                        ? "Nie pausiert: " + String.join(", ", answer.evidence().neverPaused().stream()
                                .map(c -> channel(c, locale)).toList()) + ". Ihre Gesamtwirkung ist hochgerechnet; "
                                + "ein Lift-Test würde sie absichern."
                        : "Never paused: " + String.join(", ", answer.evidence().neverPaused().stream()
                                .map(c -> channel(c, locale)).toList()) + ". Their total effect is extrapolated; a "
                                + "lift test would confirm it.";
                case "no_lift_tests" -> german
                        ? "Kein Lift-Test kalibriert das Modell."
                        : "No lift test calibrates the model.";
                case "uncertain_gain" -> german
                        ? "Das Intervall schließt auch einen Rückgang ein."
                        : "The interval includes a decline.";
                case "beyond_observed_spend" -> german
                        ? "Ein Kanal bekäme mehr als je in einer Woche: die Kurve ist dort geschätzt, nicht beobachtet."
                        : "A channel would get more than it ever had in a week: the curve is estimated there, not "
                                + "observed.";
                case "kept_current" -> german
                        ? "Die Modelle sind sich über eine bessere Aufteilung nicht einig genug."
                        : "The models do not agree enough on a better split.";
                case "budget_changed" -> german
                        ? "Das Budget weicht vom bisherigen ab."
                        : "The budget differs from the current one.";
                case "no_intervals" -> german
                        ? "Ohne Bootstrap gibt es keine Intervalle."
                        : "Without a bootstrap there are no intervals.";
                default -> code;
            };
            caveats.add(new Caveat(code, text));
        }
        return caveats;
    }
}
