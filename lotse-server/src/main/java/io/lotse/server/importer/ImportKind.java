package io.lotse.server.importer;

import java.util.Locale;

/** What a file holds: people or orders. */
enum ImportKind {
    CONTACTS, ORDERS;

    String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ImportKind parse(String value) {
        for (ImportKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(value.trim())) {
                return kind;
            }
        }
        throw new ImportException("kind must be 'contacts' or 'orders', was '" + value + "'.");
    }
}
