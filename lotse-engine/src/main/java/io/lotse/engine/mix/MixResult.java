package io.lotse.engine.mix;

import java.util.List;

/**
 * A fitted marketing-mix model with everything said about it: per-channel results with bootstrap intervals, the
 * outcome decomposed over time, fit diagnostics and provenance.
 *
 * @param data           the data fitted
 * @param model          the selected model
 * @param replicates     the bootstrap refits, for intervals of anything computed from a model
 * @param channels       one result per paid channel, in the data's order
 * @param decomposition  the outcome split into baseline parts and channels, per period
 * @param fitted         the model's expected outcome per period
 * @param diagnostics    fit quality, holdout and lift checks
 * @param provenance     data window, settings and seed, engine version, run time
 */
public record MixResult(MixData data, MixModel model, List<MixModel> replicates, List<ChannelResult> channels,
                        MixModel.Decomposition decomposition, double[] fitted, FitDiagnostics diagnostics,
                        Provenance provenance) {

    public MixResult {
        replicates = List.copyOf(replicates);
        channels = List.copyOf(channels);
    }

    /** The result of a channel by name. */
    public ChannelResult channel(String name) {
        return channels.stream().filter(c -> c.channel().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no channel '" + name + "' in the model"));
    }

    /** The interval level the results were computed with. */
    public double intervalLevel() {
        return provenance.settings().intervalLevel();
    }
}
