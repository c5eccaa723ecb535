/**
 * Customer profiles built from the event log: traits with history, identities, consents and activity figures.
 */
@NullMarked
package io.lotse.server.profile;

import org.jspecify.annotations.NullMarked;
