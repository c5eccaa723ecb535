package io.lotse.engine.mix;

/** Expected outcome per period as a function of a steady spend per period; non-decreasing. */
@FunctionalInterface
public interface ResponseCurve {

    /** The expected outcome per period at a spend per period of {@code spend ≥ 0}. */
    double response(double spend);
}
