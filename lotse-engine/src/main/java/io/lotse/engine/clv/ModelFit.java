package io.lotse.engine.clv;

import java.util.Objects;

/**
 * A model fitted by maximum likelihood, with what is needed to record its provenance.
 *
 * @param model         the fitted parameters
 * @param logLikelihood the log-likelihood of the data at those parameters (natural log, summed over customers)
 * @param customers     customers the fit used
 * @param iterations    optimiser iterations over all starts and restarts
 * @param converged     whether the optimiser met its tolerance from the start that won (false: the parameters
 *                      are the best found before the evaluation budget ran out)
 * @param <M>           the model
 */
public record ModelFit<M>(M model, double logLikelihood, int customers, int iterations, boolean converged) {

    public ModelFit {
        Objects.requireNonNull(model, "model");
    }
}
