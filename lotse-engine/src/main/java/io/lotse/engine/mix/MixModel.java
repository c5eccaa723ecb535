package io.lotse.engine.mix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A fitted marketing-mix model: {@code outcome = baseline + Σ_channels β · saturation(adstock(spend)) + noise}.
 *
 * @param baseline      the outcome without paid media
 * @param effects       one per paid channel, in the data's channel order
 * @param residualSd    standard deviation of the residuals of the fit, per period
 */
public record MixModel(Baseline baseline, List<ChannelEffect> effects, double residualSd) {

    public MixModel {
        effects = List.copyOf(effects);
        if (!(residualSd >= 0)) {
            throw new IllegalArgumentException("the residual standard deviation must be ≥ 0, was " + residualSd);
        }
    }

    /** The channels' names, in order. */
    public List<String> channels() {
        return effects.stream().map(ChannelEffect::channel).toList();
    }

    /** The effect of a channel by index. */
    public ChannelEffect effect(int channel) {
        return effects.get(channel);
    }

    /** The index of a channel by name. */
    public int channelIndex(String name) {
        for (int c = 0; c < effects.size(); c++) {
            if (effects.get(c).channel().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("the model has no channel '" + name + "'; channels: " + channels());
    }

    /** The baseline of every period of the data (its controls in the order the model was fitted with). */
    public double[] baselineOf(MixData data) {
        requireCompatible(data);
        double[] values = new double[data.size()];
        double[] controls = new double[data.controlNames().size()];
        for (int t = 0; t < data.size(); t++) {
            for (int k = 0; k < controls.length; k++) {
                controls[k] = data.controlRow(k)[t];
            }
            values[t] = baseline.value(data.periods().get(t), controls);
        }
        return values;
    }

    /** {@code contributions[channel][period]}: each channel's part of the outcome of every period. */
    public double[][] contributionsOf(MixData data) {
        requireCompatible(data);
        double[][] values = new double[effects.size()][];
        for (int c = 0; c < effects.size(); c++) {
            values[c] = effects.get(c).contributions(data.spendRow(c));
        }
        return values;
    }

    /** The expected outcome of every period of the data. */
    public double[] predict(MixData data) {
        double[] values = baselineOf(data);
        double[][] contributions = contributionsOf(data);
        for (double[] channel : contributions) {
            for (int t = 0; t < values.length; t++) {
                values[t] += channel[t];
            }
        }
        return values;
    }

    /**
     * The outcome split into its parts for every period: intercept, trend, seasonality, each control and each
     * channel, in that order.
     */
    public Decomposition decompose(MixData data) {
        requireCompatible(data);
        List<String> names = new ArrayList<>(List.of("intercept", "trend", "seasonality"));
        names.addAll(data.controlNames());
        names.addAll(data.channels());
        double[][] parts = new double[names.size()][data.size()];
        int controls = data.controlNames().size();
        for (int t = 0; t < data.size(); t++) {
            LocalDate period = data.periods().get(t);
            parts[0][t] = baseline.intercept();
            parts[1][t] = baseline.trend(period);
            parts[2][t] = baseline.seasonality(period);
            for (int k = 0; k < controls; k++) {
                parts[3 + k][t] = baseline.controlTerm(k, period, data.controlRow(k)[t]);
            }
        }
        double[][] contributions = contributionsOf(data);
        for (int c = 0; c < contributions.length; c++) {
            parts[3 + controls + c] = contributions[c];
        }
        return new Decomposition(data.periods(), names, parts, 3 + controls);
    }

    private void requireCompatible(MixData data) {
        if (!data.channels().equals(channels())) {
            throw new IllegalArgumentException("the data's channels " + data.channels()
                    + " are not the model's " + channels());
        }
        if (!data.controlNames().equals(baseline.controls())) {
            throw new IllegalArgumentException("the data's controls " + data.controlNames()
                    + " are not the model's " + baseline.controls());
        }
    }

    /**
     * The outcome split into parts over time.
     *
     * @param periods     first day of every period
     * @param components  names of the parts: intercept, trend, seasonality, controls, channels
     * @param values      {@code values[component][period]}
     * @param firstMedia  index of the first channel among the components
     */
    public record Decomposition(List<LocalDate> periods, List<String> components, double[][] values,
                                int firstMedia) {
    }
}
