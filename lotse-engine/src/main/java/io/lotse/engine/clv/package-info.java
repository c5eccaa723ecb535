/**
 * Customer lifetime value: purchase summaries, the BG/NBD, Pareto/NBD and Gamma-Gamma models fitted by maximum
 * likelihood, discounted lifetime value, churn risk, expected next purchase and RFM segments.
 */
@NullMarked
package io.lotse.engine.clv;

import org.jspecify.annotations.NullMarked;
