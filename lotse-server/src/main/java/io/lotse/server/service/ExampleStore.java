package io.lotse.server.service;

import io.lotse.engine.text.LabelledText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The labelled examples the intent model learns from: the shipped seed set, API uploads and agent corrections. */
@Component
class ExampleStore {

    private static final String SEED = "/io/lotse/server/service/seed-examples.tsv";

    /**
     * A stored example.
     *
     * @param example        text and intent
     * @param phrasingGroup  the group of phrasings it was given with, or null
     */
    record Stored(LabelledText example, @Nullable String phrasingGroup) {}

    private final JdbcClient jdbc;

    ExampleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Loads the seed examples when there are no examples at all. */
    void seedIfEmpty() {
        Integer count = jdbc.sql("SELECT count(*) FROM service_examples").query(Integer.class).single();
        if (count != null && count == 0) {
            for (LabelledText example : seed()) {
                add(example, "seed", null, null);
            }
        }
    }

    static List<LabelledText> seed() {
        try (InputStream in = Objects.requireNonNull(ExampleStore.class.getResourceAsStream(SEED), SEED)) {
            List<LabelledText> examples = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = line.split("\t", 2);
                examples.add(new LabelledText(columns[1].strip(), columns[0].strip()));
            }
            return examples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds an example, with the group of phrasings it belongs to when known; the same text with the same intent is
     * kept once.
     */
    void add(LabelledText example, String source, @Nullable Long ticketId, @Nullable String phrasingGroup) {
        jdbc.sql("INSERT INTO service_examples (text, intent, source, ticket_id, created_at, phrasing_group) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (md5(text), intent) DO NOTHING")
                .params(example.text(), example.label(), source, ticketId, java.sql.Timestamp.from(Instant.now()),
                        phrasingGroup)
                .update();
    }

    /** Every example; for a text labelled differently over time, the latest label wins. */
    List<Stored> all() {
        return jdbc.sql("SELECT DISTINCT ON (md5(text)) text, intent, phrasing_group FROM service_examples "
                        + "ORDER BY md5(text), id DESC")
                .query((rs, row) -> new Stored(new LabelledText(rs.getString(1), rs.getString(2)),
                        rs.getString(3))).list();
    }

    int corrections() {
        Integer count = jdbc.sql("SELECT count(*) FROM service_examples WHERE source = 'correction'")
                .query(Integer.class).single();
        return count == null ? 0 : count;
    }
}
