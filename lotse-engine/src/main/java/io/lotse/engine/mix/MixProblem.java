package io.lotse.engine.mix;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One fitting problem: the first {@code length} periods of the data with a given outcome, prepared for many
 * evaluations of the inner fit. A point of the unit cube holds every channel's adstock and saturation
 * hyperparameters and, last, the ridge penalty; {@link #evaluate} transforms the spend, solves the ridge
 * regression on standardised columns with non-negative media coefficients and scores the fit.
 *
 * <p>Not thread-safe: it keeps scratch buffers. Use one instance per thread.
 */
final class MixProblem {

    /** log10 of the smallest and largest ridge penalty on standardised columns. */
    static final double LOG_LAMBDA_MIN = -4;
    static final double LOG_LAMBDA_MAX = 0;

    /** A scored point of the unit cube. */
    record Evaluation(double objective, double nrmse, double validationNrmse, double decompRssd, double mapeLift,
                      double r2) {
    }

    /** A lift test mapped to periods {@code [from, to)} of the problem. */
    record LiftWindow(int channel, int from, int to, double incremental, double weight) {
    }

    private enum Term { TREND, SINE, COSINE, CONTROL, SINE_GROWTH, COSINE_GROWTH, CONTROL_GROWTH }

    final MixData data;
    final MixSettings settings;
    final int length;
    final int channels;
    final int dimension;
    private final int[] adstockOffset;
    private final int[] saturationOffset;
    private final double[] outcome;
    private final double outcomeMean;
    private final double outcomeSd;
    private final double outcomeRange;
    private final double totalSquares;
    private final double[] standardOutcome;
    private final List<Term> terms = new ArrayList<>();
    private final List<Integer> termIndex = new ArrayList<>();
    private final double[][] baseColumns;
    private final double[] baseMean;
    private final double[] baseSd;
    private final int folds;
    private final int[] foldOf;
    /** Per fold: cross products of the intercept and base columns over the fold's periods, divided by length. */
    private final double[][][] baseGram;
    private final double[][] baseLinear;
    private final double[][] spend;
    private final double[] spendShare;
    private final List<LiftWindow> lifts;
    private final double[][] saturated;
    private final double[][] standardMedia;
    private final double[] mediaMean;
    private final double[] mediaSd;

    MixProblem(MixData data, MixSettings settings, double[] outcome, int length, List<LiftTest> liftTests) {
        this.data = data;
        this.settings = settings;
        this.length = length;
        this.channels = data.channels().size();
        int perChannelAdstock = settings.adstock().hyperparameters().size();
        int perChannelSaturation = settings.saturation().hyperparameters().size();
        this.adstockOffset = new int[channels];
        this.saturationOffset = new int[channels];
        int offset = 0;
        for (int c = 0; c < channels; c++) {
            adstockOffset[c] = offset;
            offset += perChannelAdstock;
            saturationOffset[c] = offset;
            offset += perChannelSaturation;
        }
        this.dimension = offset + 1;

        this.outcome = java.util.Arrays.copyOf(outcome, length);
        double mean = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : this.outcome) {
            mean += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        mean /= length;
        double squares = 0;
        for (double v : this.outcome) {
            squares += (v - mean) * (v - mean);
        }
        if (squares <= 0) {
            throw new IllegalArgumentException("the outcome is the same in every period, so nothing explains it");
        }
        this.outcomeMean = mean;
        this.totalSquares = squares;
        this.outcomeSd = Math.sqrt(squares / length);
        this.outcomeRange = max - min;
        this.standardOutcome = new double[length];
        for (int t = 0; t < length; t++) {
            standardOutcome[t] = (this.outcome[t] - mean) / outcomeSd;
        }

        List<double[]> columns = new ArrayList<>();
        List<LocalDate> periods = data.periods();
        int days = data.periodDays();
        if (settings.trend()) {
            double[] trend = new double[length];
            for (int t = 0; t < length; t++) {
                trend[t] = Baseline.years(periods.get(0), periods.get(t));
            }
            add(columns, Term.TREND, 0, trend);
        }
        for (int k = 1; k <= settings.fourierOrder(); k++) {
            double[] sine = new double[length];
            double[] cosine = new double[length];
            for (int t = 0; t < length; t++) {
                double angle = 2 * Math.PI * k * Baseline.yearPosition(periods.get(t), days);
                sine[t] = Math.sin(angle);
                cosine[t] = Math.cos(angle);
            }
            add(columns, Term.SINE, k - 1, sine);
            add(columns, Term.COSINE, k - 1, cosine);
        }
        for (int k = 0; k < data.controlNames().size(); k++) {
            add(columns, Term.CONTROL, k, java.util.Arrays.copyOf(data.controlRow(k), length));
        }
        if (growsSeasonality(settings, data, length)) {
            int seasonal = columns.size();
            for (int j = 0; j < seasonal; j++) {
                Term term = terms.get(j);
                if (term == Term.TREND) {
                    continue;
                }
                double[] grown = new double[length];
                for (int t = 0; t < length; t++) {
                    grown[t] = columns.get(j)[t] * Baseline.years(periods.get(0), periods.get(t));
                }
                add(columns, term == Term.SINE ? Term.SINE_GROWTH : term == Term.COSINE ? Term.COSINE_GROWTH
                        : Term.CONTROL_GROWTH, termIndex.get(j), grown);
            }
        }
        int base = columns.size();
        this.baseColumns = new double[base][];
        this.baseMean = new double[base];
        this.baseSd = new double[base];
        for (int j = 0; j < base; j++) {
            double[] column = columns.get(j);
            double m = 0;
            for (double v : column) {
                m += v;
            }
            m /= length;
            double s = 0;
            for (double v : column) {
                s += (v - m) * (v - m);
            }
            s = Math.sqrt(s / length);
            baseMean[j] = m;
            baseSd[j] = s;
            double[] standard = new double[length];
            for (int t = 0; t < length; t++) {
                standard[t] = (column[t] - m) / s;
            }
            baseColumns[j] = standard;
        }
        this.folds = settings.folds() > 1 && length >= 4 * settings.folds() ? settings.folds() : 1;
        this.foldOf = new int[length];
        for (int t = 0; t < length; t++) {
            foldOf[t] = (int) ((long) t * folds / length);
        }
        // Column 0 is the intercept, 1 … base the baseline terms.
        this.baseGram = new double[folds][base + 1][base + 1];
        this.baseLinear = new double[folds][base + 1];
        for (int t = 0; t < length; t++) {
            int f = foldOf[t];
            for (int i = 0; i <= base; i++) {
                double xi = i == 0 ? 1 : baseColumns[i - 1][t];
                for (int j = i; j <= base; j++) {
                    double xj = j == 0 ? 1 : baseColumns[j - 1][t];
                    baseGram[f][i][j] += xi * xj / length;
                }
                baseLinear[f][i] += xi * standardOutcome[t] / length;
            }
        }

        this.spend = new double[channels][];
        this.spendShare = new double[channels];
        double allSpend = 0;
        for (int c = 0; c < channels; c++) {
            spend[c] = java.util.Arrays.copyOf(data.spendRow(c), length);
            for (double v : spend[c]) {
                spendShare[c] += v;
            }
            allSpend += spendShare[c];
        }
        for (int c = 0; c < channels; c++) {
            spendShare[c] = allSpend > 0 ? spendShare[c] / allSpend : 0;
        }
        this.lifts = liftWindows(liftTests);
        this.saturated = new double[channels][];
        this.standardMedia = new double[channels][length];
        this.mediaMean = new double[channels];
        this.mediaSd = new double[channels];
    }

    /**
     * Whether seasonality and controls grow with the trend: with a trend and at least two years of data, so that
     * the growth is told apart from the season itself.
     */
    static boolean growsSeasonality(MixSettings settings, MixData data, int length) {
        return settings.trend() && settings.seasonalityGrowth() && length >= 2 * data.periodsPerYear();
    }

    /** Adds a column unless it is constant over the fitted periods (a holiday that never falls into them). */
    private void add(List<double[]> columns, Term term, int index, double[] column) {
        double first = column[0];
        for (double v : column) {
            if (Math.abs(v - first) > 1e-12) {
                columns.add(column);
                terms.add(term);
                termIndex.add(index);
                return;
            }
        }
    }

    private List<LiftWindow> liftWindows(List<LiftTest> tests) {
        List<LiftWindow> windows = new ArrayList<>();
        double weights = 0;
        List<LiftTest> used = new ArrayList<>();
        List<int[]> ranges = new ArrayList<>();
        for (LiftTest test : tests) {
            int channel = data.channelIndex(test.channel());
            int from = -1;
            int to = -1;
            for (int t = 0; t < length; t++) {
                LocalDate start = data.periods().get(t);
                LocalDate end = start.plusDays(data.periodDays() - 1L);
                if (!end.isBefore(test.from()) && !start.isAfter(test.to())) {
                    if (from < 0) {
                        from = t;
                    }
                    to = t + 1;
                }
            }
            if (from >= 0) {
                used.add(test);
                ranges.add(new int[] {channel, from, to});
                double precision = test.incremental() / test.halfWidth();
                weights += precision * precision;
            }
        }
        for (int i = 0; i < used.size(); i++) {
            LiftTest test = used.get(i);
            double precision = test.incremental() / test.halfWidth();
            int[] range = ranges.get(i);
            windows.add(new LiftWindow(range[0], range[1], range[2], test.incremental(),
                    precision * precision / weights));
        }
        return List.copyOf(windows);
    }

    List<LiftWindow> lifts() {
        return lifts;
    }

    /** The Weibull window: the whole series, as in Robyn. */
    private int window() {
        return data.size();
    }

    /** The channel transforms at a point of the unit cube. */
    Adstock adstock(double[] unit, int channel) {
        return settings.adstock().create(unit, adstockOffset[channel], window());
    }

    private static double lambda(double[] unit, int dimension) {
        double u = AdstockType.clamp(unit[dimension - 1]);
        return Math.pow(10, LOG_LAMBDA_MIN + (LOG_LAMBDA_MAX - LOG_LAMBDA_MIN) * u);
    }

    /** Transforms every channel's spend at a point of the unit cube into standardised media columns. */
    private void transform(double[] unit, Saturation[] saturations) {
        for (int c = 0; c < channels; c++) {
            double[] adstocked = adstock(unit, c).apply(spend[c]);
            Saturation saturation = settings.saturation().create(unit, saturationOffset[c], adstocked);
            saturations[c] = saturation;
            double[] x = saturation.apply(adstocked);
            saturated[c] = x;
            double m = 0;
            for (double v : x) {
                m += v;
            }
            m /= length;
            double s = 0;
            for (double v : x) {
                s += (v - m) * (v - m);
            }
            s = Math.sqrt(s / length);
            mediaMean[c] = m;
            mediaSd[c] = s;
            double[] standard = standardMedia[c];
            for (int t = 0; t < length; t++) {
                standard[t] = s > 1e-12 ? (x[t] - m) / s : 0;
            }
        }
    }

    /**
     * The per-fold normal equations of the current media columns: {@code gram[f]} and {@code linear[f]} sum the
     * cross products over fold f's periods; columns are the intercept, the baseline terms, the channels.
     */
    private double[][][] foldGrams(double[][] linear) {
        int base = baseColumns.length;
        int n = 1 + base + channels;
        double[][][] gram = new double[folds][n][n];
        for (int f = 0; f < folds; f++) {
            for (int i = 0; i <= base; i++) {
                System.arraycopy(baseGram[f][i], 0, gram[f][i], 0, base + 1);
            }
            System.arraycopy(baseLinear[f], 0, linear[f], 0, base + 1);
        }
        for (int t = 0; t < length; t++) {
            double[][] g = gram[foldOf[t]];
            double[] l = linear[foldOf[t]];
            for (int c = 0; c < channels; c++) {
                double m = standardMedia[c][t] / length;
                if (m == 0) {
                    continue;
                }
                int i = 1 + base + c;
                g[0][i] += m;
                for (int j = 0; j < base; j++) {
                    g[1 + j][i] += m * baseColumns[j][t];
                }
                for (int d = c; d < channels; d++) {
                    g[i][1 + base + d] += m * standardMedia[d][t];
                }
                l[i] += m * standardOutcome[t];
            }
        }
        for (double[][] g : gram) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    g[i][j] = g[j][i];
                }
            }
        }
        return gram;
    }

    /** Solves the ridge problem on all periods except fold {@code left} (−1 for none). */
    private double[] solve(double[][][] gram, double[][] linear, int left, double lambda) {
        int base = baseColumns.length;
        int n = 1 + base + channels;
        double[][] g = new double[n][n];
        double[] l = new double[n];
        boolean[] constrained = new boolean[n];
        for (int f = 0; f < folds; f++) {
            if (f == left) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    g[i][j] += gram[f][i][j];
                }
                l[i] += linear[f][i];
            }
        }
        for (int i = 1; i < n; i++) {
            g[i][i] += lambda;
            constrained[i] = i > base;
        }
        return ConstrainedQuadratic.solve(g, l, constrained);
    }

    /** The fitted standardised outcome of period t. */
    private double fitted(double[] b, int t) {
        int base = baseColumns.length;
        double value = b[0];
        for (int j = 0; j < base; j++) {
            value += b[1 + j] * baseColumns[j][t];
        }
        for (int c = 0; c < channels; c++) {
            value += b[1 + base + c] * standardMedia[c][t];
        }
        return value;
    }

    /**
     * The standardised coefficients on all periods: intercept, baseline terms, channels. With cross-validation,
     * {@code heldOutSquares[0]} receives the summed squared error of predicting each fold from the others.
     */
    private double[] fit(double[] unit, Saturation[] saturations, double @Nullable [] heldOutSquares) {
        transform(unit, saturations);
        double[][] linear = new double[folds][1 + baseColumns.length + channels];
        double[][][] gram = foldGrams(linear);
        double lambda = lambda(unit, dimension);
        if (heldOutSquares != null && folds > 1) {
            double squares = 0;
            for (int f = 0; f < folds; f++) {
                double[] b = solve(gram, linear, f, lambda);
                for (int t = 0; t < length; t++) {
                    if (foldOf[t] == f) {
                        double residual = (standardOutcome[t] - fitted(b, t)) * outcomeSd;
                        squares += residual * residual;
                    }
                }
            }
            heldOutSquares[0] = squares;
        }
        return solve(gram, linear, -1, lambda);
    }

    /** Scores a point of the unit cube. */
    Evaluation evaluate(double[] unit) {
        Saturation[] saturations = new Saturation[channels];
        double[] heldOut = {Double.NaN};
        double[] b = fit(unit, saturations, heldOut);
        int base = baseColumns.length;
        double squares = 0;
        for (int t = 0; t < length; t++) {
            double residual = (standardOutcome[t] - fitted(b, t)) * outcomeSd;
            squares += residual * residual;
        }
        double[] beta = new double[channels];
        double[] effect = new double[channels];
        double totalEffect = 0;
        for (int c = 0; c < channels; c++) {
            beta[c] = mediaSd[c] > 1e-12 ? b[1 + base + c] * outcomeSd / mediaSd[c] : 0;
            double sum = 0;
            for (double v : saturated[c]) {
                sum += v;
            }
            effect[c] = beta[c] * sum;
            totalEffect += effect[c];
        }
        double rssd = 0;
        for (int c = 0; c < channels; c++) {
            double share = totalEffect > 0 ? effect[c] / totalEffect : 0;
            rssd += (share - spendShare[c]) * (share - spendShare[c]);
        }
        rssd = Math.sqrt(rssd);
        double mape = 0;
        for (LiftWindow lift : lifts) {
            double predicted = 0;
            for (int t = lift.from(); t < lift.to(); t++) {
                predicted += beta[lift.channel()] * saturated[lift.channel()][t];
            }
            mape += lift.weight() * Math.abs(predicted - lift.incremental()) / lift.incremental();
        }
        double nrmse = Math.sqrt(squares / length) / outcomeRange;
        double validation = Double.isNaN(heldOut[0]) ? Double.NaN : Math.sqrt(heldOut[0] / length) / outcomeRange;
        double objective = (Double.isNaN(validation) ? nrmse : validation) + settings.decompWeight() * rssd
                + (lifts.isEmpty() ? 0 : settings.liftWeight() * mape);
        return new Evaluation(objective, nrmse, validation, rssd, lifts.isEmpty() ? Double.NaN : mape,
                1 - squares / totalSquares);
    }

    /** The model at a point of the unit cube. */
    MixModel model(double[] unit) {
        Saturation[] saturations = new Saturation[channels];
        double[] b = fit(unit, saturations, null);
        int base = baseColumns.length;
        double intercept = outcomeMean + b[0] * outcomeSd;
        double trend = 0;
        double[] sine = new double[settings.fourierOrder()];
        double[] cosine = new double[settings.fourierOrder()];
        double[] controls = new double[data.controlNames().size()];
        double[] sineGrowth = new double[settings.fourierOrder()];
        double[] cosineGrowth = new double[settings.fourierOrder()];
        double[] controlGrowth = new double[data.controlNames().size()];
        for (int j = 0; j < base; j++) {
            double coefficient = b[1 + j] * outcomeSd / baseSd[j];
            intercept -= coefficient * baseMean[j];
            int index = termIndex.get(j);
            switch (terms.get(j)) {
                case TREND -> trend = coefficient;
                case SINE -> sine[index] = coefficient;
                case COSINE -> cosine[index] = coefficient;
                case CONTROL -> controls[index] = coefficient;
                case SINE_GROWTH -> sineGrowth[index] = coefficient;
                case COSINE_GROWTH -> cosineGrowth[index] = coefficient;
                case CONTROL_GROWTH -> controlGrowth[index] = coefficient;
            }
        }
        List<ChannelEffect> effects = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            double beta = mediaSd[c] > 1e-12 ? Math.max(0, b[1 + base + c] * outcomeSd / mediaSd[c]) : 0;
            intercept -= beta * mediaMean[c];
            effects.add(new ChannelEffect(data.channels().get(c), adstock(unit, c), saturations[c], beta));
        }
        Baseline baseline = new Baseline(data.periods().get(0), data.periodDays(), intercept, trend,
                new Baseline.Seasonality(sine, cosine, sineGrowth, cosineGrowth),
                new Baseline.Controls(data.controlNames(), controls, controlGrowth));
        Evaluation evaluation = evaluate(unit);
        transform(unit, saturations);
        double residualSd = Math.sqrt(Math.max(0, 1 - evaluation.r2()) * totalSquares / length);
        return new MixModel(baseline, effects, residualSd);
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
