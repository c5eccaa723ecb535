/**
 * Personalisation: recommendation models trained from the event log and swapped in atomically, live session
 * state following the log, placement rules, the recommendations API and the placement pages of the UI.
 */
@NullMarked
package io.lotse.server.recommend;

import org.jspecify.annotations.NullMarked;
