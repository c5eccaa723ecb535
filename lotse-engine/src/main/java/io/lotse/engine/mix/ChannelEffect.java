package io.lotse.engine.mix;

/**
 * The fitted effect of one paid channel: outcome per period {@code β · saturation(adstock(spend))}.
 *
 * @param channel    the channel's name
 * @param adstock    its carry-over
 * @param saturation its diminishing returns
 * @param beta       β: outcome per period at full saturation, ≥ 0
 */
public record ChannelEffect(String channel, Adstock adstock, Saturation saturation, double beta)
        implements ResponseCurve {

    public ChannelEffect {
        if (!(beta >= 0 && Double.isFinite(beta))) {
            throw new IllegalArgumentException("a channel's coefficient must be finite and ≥ 0, was " + beta);
        }
    }

    /** The channel's contribution to the outcome of every period, given its spend in every period. */
    public double[] contributions(double[] spend) {
        double[] saturated = saturation.apply(adstock.apply(spend));
        for (int t = 0; t < saturated.length; t++) {
            saturated[t] *= beta;
        }
        return saturated;
    }

    /**
     * The response curve: outcome per period once a constant spend per period has settled (steady-state adstock
     * {@code spend · Σ weights}).
     */
    @Override
    public double response(double spendPerPeriod) {
        return beta * saturation.value(spendPerPeriod * adstock.steadyStateMultiplier());
    }

    /** The slope of {@link #response}: extra outcome per extra unit of spend per period (marginal ROI). */
    public double marginalResponse(double spendPerPeriod) {
        double multiplier = adstock.steadyStateMultiplier();
        return beta * multiplier * saturation.derivative(spendPerPeriod * multiplier);
    }
}
