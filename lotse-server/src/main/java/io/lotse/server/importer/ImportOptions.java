package io.lotse.server.importer;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads the options of an import request, shared by the API and the upload page. */
final class ImportOptions {

    private ImportOptions() {}

    /** {@code column=field} pairs; the last {@code =} separates them, as field names never hold one. */
    static Map<String, String> overrides(@Nullable List<String> pairs) {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (pairs == null) {
            return overrides;
        }
        for (String pair : pairs) {
            if (pair == null || pair.isBlank()) {
                continue;
            }
            int at = pair.lastIndexOf('=');
            if (at <= 0 || at == pair.length() - 1) {
                throw new ImportException("map must be column=field, was '" + pair + "'.");
            }
            overrides.put(pair.substring(0, at).strip(), pair.substring(at + 1).strip());
        }
        return overrides;
    }

    static @Nullable String currency(@Nullable String currency) {
        if (currency == null || currency.isBlank()) {
            return null;
        }
        String code = currency.strip().toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{3}")) {
            throw new ImportException("currency must be an ISO 4217 code such as EUR or GBP, was '" + currency + "'.");
        }
        return code;
    }

    static ZoneId zone(@Nullable String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone.strip());
        } catch (DateTimeException e) {
            throw new ImportException("timezone must be a zone such as Europe/Berlin or UTC, was '" + timezone + "'.");
        }
    }
}
