/**
 * Acting on what Lotse knows: email templates and campaigns that a real sender can send (DKIM, one-click
 * unsubscribe, double opt-in, suppression, bounce and complaint handling), journeys, the lead lifecycle, forms and
 * landing pages, and experiments on all of them.
 */
@NullMarked
@ApplicationModule(displayName = "Engage")
package io.lotse.server.engage;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
