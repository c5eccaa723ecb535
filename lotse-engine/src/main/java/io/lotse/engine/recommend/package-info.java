/**
 * Recommenders: popularity, repeat purchase, item-kNN, EASE, implicit ALS, session kNN and frequently bought
 * together over sparse interactions, blended per placement, filtered by business rules, each result with a reason.
 *
 * <p>Everything works on dense integer indices (people, items, categories); mapping ids to indices is the
 * caller's business. Trained models are immutable and safe to share between threads.
 */
@NullMarked
package io.lotse.engine.recommend;

import org.jspecify.annotations.NullMarked;
