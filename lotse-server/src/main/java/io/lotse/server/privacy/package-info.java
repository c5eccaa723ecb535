/**
 * Protecting people: erased persons stay erased, their later events are dropped unless they consent again.
 */
@NullMarked
package io.lotse.server.privacy;

import org.jspecify.annotations.NullMarked;
