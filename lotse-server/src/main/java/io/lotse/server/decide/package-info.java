/**
 * Decisions a marketer takes on Lotse's recommendations: decision cards in plain German and English with evidence
 * and caveats, approved, edited or rejected with a comment; approved budget plans become the active plan; an audit
 * trail of who decided what when on which model version; actuals against the forecast.
 */
@NullMarked
@ApplicationModule(displayName = "Decisions")
package io.lotse.server.decide;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
