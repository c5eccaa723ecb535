package io.lotse.engine.clv;

import java.util.Locale;

/**
 * The ten usual RFM segments, from the recency score R and the frequency score F (1 to 5 each; the monetary score
 * is left out because it moves with frequency and would blur the grid):
 *
 * <table>
 *   <caption>Segment by recency (rows) and frequency (columns)</caption>
 *   <tr><th>R \ F</th><th>1</th><th>2</th><th>3</th><th>4</th><th>5</th></tr>
 *   <tr><th>5</th><td>New</td><td>Potential Loyalists</td><td>Potential Loyalists</td><td>Champions</td>
 *       <td>Champions</td></tr>
 *   <tr><th>4</th><td>Promising</td><td>Potential Loyalists</td><td>Potential Loyalists</td><td>Loyal</td>
 *       <td>Loyal</td></tr>
 *   <tr><th>3</th><td>About to Sleep</td><td>About to Sleep</td><td>Need Attention</td><td>Loyal</td>
 *       <td>Loyal</td></tr>
 *   <tr><th>2</th><td>Hibernating</td><td>Hibernating</td><td>At Risk</td><td>At Risk</td>
 *       <td>Can't Lose Them</td></tr>
 *   <tr><th>1</th><td>Hibernating</td><td>Hibernating</td><td>At Risk</td><td>At Risk</td>
 *       <td>Can't Lose Them</td></tr>
 * </table>
 */
public enum RfmSegment {
    CHAMPIONS("Champions", "Champions"),
    LOYAL("Loyal", "Treue Kunden"),
    POTENTIAL_LOYALISTS("Potential Loyalists", "Potenzielle Stammkunden"),
    NEW("New", "Neukunden"),
    PROMISING("Promising", "Vielversprechend"),
    NEED_ATTENTION("Need Attention", "Brauchen Aufmerksamkeit"),
    ABOUT_TO_SLEEP("About to Sleep", "Drohen einzuschlafen"),
    AT_RISK("At Risk", "Gefährdet"),
    CANT_LOSE_THEM("Can't Lose Them", "Nicht verlieren"),
    HIBERNATING("Hibernating", "Inaktiv");

    private final String english;
    private final String german;

    RfmSegment(String english, String german) {
        this.english = english;
        this.german = german;
    }

    /** The English name, e.g. "Can't Lose Them". */
    public String englishName() {
        return english;
    }

    /** The German name, e.g. "Nicht verlieren". */
    public String germanName() {
        return german;
    }

    /** The German name for German locales, the English name for every other. */
    public String displayName(Locale locale) {
        return "de".equals(locale.getLanguage()) ? german : english;
    }

    /**
     * The segment of a recency and a frequency score (see the table above).
     *
     * @throws IllegalArgumentException for a score outside 1 to 5
     */
    public static RfmSegment of(int recency, int frequency) {
        Rfm.requireScore("recency", recency);
        Rfm.requireScore("frequency", frequency);
        if (recency <= 2) {
            return frequency <= 2 ? HIBERNATING : frequency <= 4 ? AT_RISK : CANT_LOSE_THEM;
        }
        if (recency == 3) {
            return frequency <= 2 ? ABOUT_TO_SLEEP : frequency == 3 ? NEED_ATTENTION : LOYAL;
        }
        if (frequency == 1) {
            return recency == 5 ? NEW : PROMISING;
        }
        if (frequency <= 3) {
            return POTENTIAL_LOYALISTS;
        }
        return recency == 5 ? CHAMPIONS : LOYAL;
    }
}
