/**
 * Segments: versioned rules over profiles whose members are kept current as events arrive, with entered and left
 * events, previews, sizes over time, CSV export, the admin API and the builder pages of the UI.
 */
@NullMarked
package io.lotse.server.segment;

import org.jspecify.annotations.NullMarked;
