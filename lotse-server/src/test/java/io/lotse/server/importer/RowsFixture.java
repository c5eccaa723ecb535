package io.lotse.server.importer;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentifierNormaliser;
import io.lotse.server.collect.CollectedEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs rows through a processor without a server: known people and erased people are given by the test. */
final class RowsFixture {

    final Set<Identifier> known = new HashSet<>();
    final Set<Identifier> erased = new HashSet<>();
    Map<String, OrderRows.LoggedOrder> logged = Map.of();
    final Tally tally = new Tally();
    static final Instant NOW = Instant.parse("2026-11-23T09:00:00Z");

    private final RowProcessor.People people = new RowProcessor.People() {
        @Override
        public Set<Identifier> known(java.util.Collection<Identifier> identifiers) {
            Set<Identifier> found = new HashSet<>(identifiers);
            found.retainAll(known);
            return found;
        }

        @Override
        public boolean erased(List<Identifier> identifiers) {
            return identifiers.stream().anyMatch(erased::contains);
        }
    };

    List<CollectedEvent> run(ImportKind kind, String header, String... rows) {
        return run(kind, Map.of(), header, rows);
    }

    List<CollectedEvent> run(ImportKind kind, Map<String, String> overrides, String header, String... rows) {
        String delimiter = header.contains(";") ? ";" : ",";
        ColumnMapping mapping = ColumnMapping.of(List.of(header.split(delimiter, -1)), kind, overrides);
        var settings = new RowProcessor.Settings(mapping, new Cleaner(IdentifierNormaliser.withDefaults()), people,
                NOW, ZoneOffset.UTC, delimiter.equals(";"), null);
        RowProcessor processor = kind == ImportKind.CONTACTS ? new ContactRows(settings, tally)
                : new OrderRows(settings, tally, (userId, anonymousId) -> logged);
        for (int i = 0; i < rows.length; i++) {
            processor.row(i + 2, rows[i].split(delimiter, -1));
        }
        return processor.finish();
    }

    /** The rejection reason of a line, or null. */
    String reasonOf(long line) {
        return tally.rejectedRows().stream().filter(r -> r.line() == line).map(Tally.RowIssue::reason).findFirst()
                .orElse(null);
    }

    boolean accountsForEveryRow() {
        return tally.rows() == tally.imported() + tally.merged() + tally.rejected();
    }
}
