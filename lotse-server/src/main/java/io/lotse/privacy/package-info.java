/**
 * Protecting people: erased persons stay erased, their later events are dropped unless they consent again.
 */
@NullMarked
package io.lotse.privacy;

import org.jspecify.annotations.NullMarked;
