package io.lotse.engine.mix;

/**
 * A split of a budget per period over channels.
 *
 * @param spend    spend per period of every channel, in the order of the curves given
 * @param response expected outcome per period of the split, summed over the channels
 */
public record Allocation(double[] spend, double response) {

    /** Total spend per period. */
    public double budget() {
        double total = 0;
        for (double v : spend) {
            total += v;
        }
        return total;
    }

    /** Outcome per unit of spend: {@code response / budget}, 0 without spend. */
    public double roi() {
        double budget = budget();
        return budget == 0 ? 0 : response / budget;
    }
}
