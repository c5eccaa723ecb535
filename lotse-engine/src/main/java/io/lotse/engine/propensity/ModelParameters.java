package io.lotse.engine.propensity;

/** The hyperparameters a model was trained with; part of its provenance. */
public sealed interface ModelParameters permits BoostingParameters, LogisticParameters {
}
