/**
 * Customer-service language: intents, paraphrase templates in German and English, and a seeded typo injector.
 */
@NullMarked
package io.lotse.simulator.service;

import org.jspecify.annotations.NullMarked;
