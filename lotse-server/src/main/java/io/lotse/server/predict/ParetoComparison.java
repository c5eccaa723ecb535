package io.lotse.server.predict;

import io.lotse.engine.clv.BgNbd;
import io.lotse.engine.clv.CustomerSummary;
import io.lotse.engine.clv.ModelFit;
import io.lotse.engine.clv.ParetoNbd;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fits the Pareto/NBD model beside the BG/NBD, on a seeded sample, for the record: no score depends on it, so it
 * runs in its own thread while the run goes on and gets at most {@code lotse.predict.pareto-timeout} (0 switches
 * it off). Its likelihood is far costlier than the BG/NBD's, and on data where customers' dropout rates hardly
 * differ the fit creeps along a ridge towards infinite s and β for a long time; a fit that is not done in time is
 * recorded as such and its result dropped. While such a fit still runs, later runs skip the comparison rather than
 * pile up fits.
 */
@Component
class ParetoComparison implements DisposableBean {

    private final ExecutorService fits = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "lotse-predict-pareto");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        return thread;
    });
    private final Duration timeout;
    private final Function<List<CustomerSummary>, ModelFit<ParetoNbd>> fitter;
    private @Nullable Future<ModelFit<ParetoNbd>> latest;

    @Autowired
    ParetoComparison(PredictProperties settings) {
        this(settings.paretoTimeout(), ParetoNbd::fit);
    }

    ParetoComparison(Duration timeout, Function<List<CustomerSummary>, ModelFit<ParetoNbd>> fitter) {
        this.timeout = timeout;
        this.fitter = fitter;
    }

    /** A comparison under way: the fit, or why there is none. */
    record Pending(@Nullable Future<ModelFit<ParetoNbd>> fit, List<CustomerSummary> sample, long startedNanos,
                   @Nullable String skipped) {}

    /** Starts fitting the sample, unless the comparison is off or an earlier fit still runs. */
    synchronized Pending start(List<CustomerSummary> sample) {
        if (timeout.isZero()) {
            return new Pending(null, sample, System.nanoTime(), "switched off (lotse.predict.pareto-timeout"
                    + " is 0)");
        }
        if (latest != null && !latest.isDone()) {
            return new Pending(null, sample, System.nanoTime(), "skipped: the fit of an earlier run is still"
                    + " running");
        }
        latest = fits.submit(() -> fitter.apply(sample));
        return new Pending(latest, sample, System.nanoTime(), null);
    }

    /**
     * Waits for the fit until the timeout (counted from its start) and records its parameters, fit figures and
     * the BG/NBD's log-likelihood on the same customers, or why there are none.
     */
    void record(Pending pending, BgNbd bgnbd, ObjectNode parameters, ObjectNode metrics) {
        ObjectNode result = metrics.putObject("pareto_nbd");
        result.put("sample", pending.sample().size());
        if (pending.fit() == null) {
            result.put("skipped", pending.skipped());
            return;
        }
        long waitNanos = timeout.toNanos() - (System.nanoTime() - pending.startedNanos());
        try {
            ModelFit<ParetoNbd> fit = pending.fit().get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS);
            ObjectNode values = parameters.putObject("pareto_nbd");
            values.put("r", fit.model().r());
            values.put("alpha", fit.model().alpha());
            values.put("s", fit.model().s());
            values.put("beta", fit.model().beta());
            result.setAll(LifetimeValueModels.fitMetrics(fit));
            result.put("bgnbd_loglik_same_customers", bgnbd.logLikelihood(pending.sample()));
        } catch (TimeoutException late) {
            result.put("skipped", "not finished within " + timeout.toSeconds() + " s (lotse.predict.pareto-timeout);"
                    + " dropped");
        } catch (ExecutionException failed) {
            result.put("error", String.valueOf(failed.getCause()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            result.put("skipped", "interrupted");
        }
    }

    @Override
    public void destroy() {
        fits.shutdownNow();
    }
}
