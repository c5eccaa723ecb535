/**
 * Collecting events over the Segment tracking protocol into the append-only event log, the source of truth.
 */
@NullMarked
package io.lotse.server.collect;

import org.jspecify.annotations.NullMarked;
