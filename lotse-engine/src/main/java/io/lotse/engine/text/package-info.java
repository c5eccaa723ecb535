/**
 * Understanding customer messages: language, intent with calibrated confidence, out-of-scope detection, entities,
 * sentiment, urgency and topic clustering of messages that fit no intent.
 */
@NullMarked
package io.lotse.engine.text;

import org.jspecify.annotations.NullMarked;
