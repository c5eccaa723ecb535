/**
 * Identity resolution: normalising identifiers and deciding which observations belong to one person.
 */
@NullMarked
package io.lotse.engine.identity;

import org.jspecify.annotations.NullMarked;
