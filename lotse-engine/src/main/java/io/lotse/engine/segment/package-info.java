/**
 * Segments as rule trees over traits, activity figures, event behaviour, scores, consents and other segments:
 * the rule model, its JSON form and its validation.
 */
@NullMarked
package io.lotse.engine.segment;

import org.jspecify.annotations.NullMarked;
