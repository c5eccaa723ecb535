package io.lotse.server.identity;

import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Hands out fresh profile ids from the database sequence, fetched in blocks to save round trips. */
final class ProfileIdAllocator {

    private static final int BLOCK = 256;

    private final JdbcClient jdbc;
    private final Deque<Long> ids = new ArrayDeque<>();

    ProfileIdAllocator(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long next() {
        if (ids.isEmpty()) {
            ids.addAll(jdbc.sql("SELECT nextval('profile_ids') FROM generate_series(1, ?)")
                    .param(BLOCK).query(Long.class).list());
        }
        return ids.removeFirst();
    }
}
