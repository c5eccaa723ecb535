/**
 * Marketing-mix modelling: adstock and saturation transforms, a Robyn-style fit (constrained ridge regression
 * inside a CMA-ES hyperparameter search, bootstrap intervals, holdout check, lift-test calibration) and a budget
 * allocator on the fitted response curves.
 */
@NullMarked
package io.lotse.engine.mix;

import org.jspecify.annotations.NullMarked;
