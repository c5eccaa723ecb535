/**
 * Budget decisions' evidence: weekly spend per channel (imported), the weekly outcome from the event log's orders,
 * marketing-mix model fits with provenance, response curves, budget allocation, and attribution of orders to the
 * campaign touches before them.
 */
@NullMarked
@ApplicationModule(displayName = "Marketing mix")
package io.lotse.server.mix;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
