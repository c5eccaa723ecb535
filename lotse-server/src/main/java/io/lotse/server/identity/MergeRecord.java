package io.lotse.server.identity;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A recorded merge, the explanation of why two profiles became one.
 *
 * @param id             merge id
 * @param survivorId     the profile that remained
 * @param mergedId       the profile merged into it
 * @param causeMessageId message id of the event that linked them
 * @param causeSeq       log position of that event
 * @param linking        the shared identifiers, as {@code type:value}
 * @param mergedAt       when
 * @param undoneAt       when the merge was undone, if it was
 */
public record MergeRecord(long id, long survivorId, long mergedId, String causeMessageId, long causeSeq,
                          List<String> linking, Instant mergedAt, @Nullable Instant undoneAt) {}
