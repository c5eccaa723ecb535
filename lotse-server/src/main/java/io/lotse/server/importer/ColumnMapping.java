package io.lotse.server.importer;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Which column of a file feeds which field: found from the header names, German or English, with
 * {@code column=field} overrides; every other column is kept as a trait (contacts) or order property (orders).
 */
final class ColumnMapping {

    /** How a column got its meaning. */
    enum How {
        /** its header names a field */
        HEADER,
        /** a {@code column=field} override */
        OVERRIDE,
        /** unknown: kept as a trait or order property */
        EXTRA,
        /** dropped by an override ({@code column=ignore}), or a second column for a field already mapped */
        IGNORED
    }

    /**
     * One column.
     *
     * @param index   position in the row, from 0
     * @param header  the header as written
     * @param how     how its meaning was found
     * @param field   the field it feeds, if any
     * @param purpose the consent purpose, for consent columns
     * @param key     the trait or property name, for extra columns
     */
    record Column(int index, String header, How how, @Nullable Field field, @Nullable String purpose,
                  @Nullable String key) {

        /** What the column becomes, as shown in the mapping preview: {@code email}, {@code consent.newsletter}, ... */
        String target(ImportKind kind) {
            if (field != null) {
                return field.wireName();
            }
            if (purpose != null) {
                return "consent." + purpose;
            }
            if (key != null) {
                return (kind == ImportKind.CONTACTS ? "trait." : "property.") + key;
            }
            return "ignored";
        }
    }

    private final ImportKind kind;
    private final List<Column> columns;
    private final Map<Field, Integer> byField = new EnumMap<>(Field.class);

    private ColumnMapping(ImportKind kind, List<Column> columns) {
        this.kind = kind;
        this.columns = List.copyOf(columns);
        for (Column column : columns) {
            if (column.field() != null) {
                byField.putIfAbsent(column.field(), column.index());
            }
        }
    }

    /**
     * Maps a header row.
     *
     * @param overrides column header to field name ({@code email}, {@code consent.newsletter},
     *                  {@code trait.shoe_size} or {@code property.channel}, {@code ignore})
     * @throws ImportException when an override names a column or field that does not exist
     */
    static ColumnMapping of(List<String> header, ImportKind kind, Map<String, String> overrides) {
        Map<Integer, String> overrideByIndex = new LinkedHashMap<>();
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            int index = find(header, override.getKey());
            if (index < 0) {
                throw new ImportException("--map names column '" + override.getKey()
                        + "', which the file does not have; its columns are: " + String.join(", ", header) + ".");
            }
            overrideByIndex.put(index, override.getValue().strip());
        }
        List<Column> columns = new ArrayList<>(header.size());
        Set<Field> taken = new HashSet<>();
        Set<String> purposes = new HashSet<>();
        Set<String> keys = new HashSet<>();
        // Overrides first, so that a field claimed by an override is not also claimed by a header.
        Column[] resolved = new Column[header.size()];
        for (Map.Entry<Integer, String> override : overrideByIndex.entrySet()) {
            int index = override.getKey();
            resolved[index] = overridden(index, header.get(index), override.getValue(), kind, taken, purposes, keys);
        }
        for (int index = 0; index < header.size(); index++) {
            if (resolved[index] == null) {
                resolved[index] = detected(index, header.get(index), kind, taken, purposes, keys);
            }
            columns.add(resolved[index]);
        }
        return new ColumnMapping(kind, columns);
    }

    private static int find(List<String> header, String column) {
        String wanted = column.strip();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equals(wanted)) {
                return i;
            }
        }
        String normalised = Field.normalise(wanted);
        for (int i = 0; i < header.size(); i++) {
            if (Field.normalise(header.get(i)).equals(normalised)) {
                return i;
            }
        }
        return -1;
    }

    private static Column overridden(int index, String header, String target, ImportKind kind, Set<Field> taken,
                                     Set<String> purposes, Set<String> keys) {
        String lower = target.toLowerCase(Locale.ROOT);
        if (lower.equals("ignore") || lower.equals("-") || lower.equals("skip")) {
            return new Column(index, header, How.IGNORED, null, null, null);
        }
        if (lower.startsWith("consent.") || lower.startsWith("consent:")) {
            if (kind != ImportKind.CONTACTS) {
                throw new ImportException("consent columns belong to contacts imports, not to " + kind.wireName() + ".");
            }
            String purpose = purpose(target.substring(8));
            if (purpose.isEmpty() || !purposes.add(purpose)) {
                throw new ImportException("--map " + header + "=" + target + ": give each consent column its own purpose.");
            }
            return new Column(index, header, How.OVERRIDE, null, purpose, null);
        }
        for (String prefix : List.of("trait.", "property.", "trait:", "property:")) {
            if (lower.startsWith(prefix) && target.length() > prefix.length()) {
                return new Column(index, header, How.OVERRIDE, null, null, uniqueKey(target.substring(prefix.length()), keys));
            }
        }
        Optional<Field> field = Field.byName(target, kind);
        if (field.isEmpty()) {
            String known = java.util.Arrays.stream(Field.values()).filter(f -> f.appliesTo(kind)).map(Field::wireName)
                    .collect(Collectors.joining(", "));
            throw new ImportException("--map " + header + "=" + target + ": '" + target + "' is no field of "
                    + kind.wireName() + " imports. Fields: " + known
                    + (kind == ImportKind.CONTACTS ? ", consent.<purpose>, trait.<name>" : ", property.<name>")
                    + ", ignore.");
        }
        if (!taken.add(field.get())) {
            throw new ImportException("--map maps two columns to '" + field.get().wireName() + "'.");
        }
        return new Column(index, header, How.OVERRIDE, field.get(), null, null);
    }

    private static Column detected(int index, String header, ImportKind kind, Set<Field> taken, Set<String> purposes,
                                   Set<String> keys) {
        Optional<Field> field = Field.byHeader(header, kind);
        if (field.isPresent()) {
            if (taken.add(field.get())) {
                return new Column(index, header, How.HEADER, field.get(), null, null);
            }
            return new Column(index, header, How.EXTRA, null, null, uniqueKey(header, keys));
        }
        if (kind == ImportKind.CONTACTS && isConsentHeader(header)) {
            String purpose = purpose(header);
            if (purposes.add(purpose)) {
                return new Column(index, header, How.HEADER, null, purpose, null);
            }
        }
        if (header.isBlank()) {
            return new Column(index, header, How.EXTRA, null, null, uniqueKey("column_" + (index + 1), keys));
        }
        return new Column(index, header, How.EXTRA, null, null, uniqueKey(header, keys));
    }

    private static final List<String> CONSENT_WORDS = List.of("einwilligung", "consent", "optin", "opt-in",
            "opt_in", "opt in", "zustimmung", "permission", "erlaubnis");

    static boolean isConsentHeader(String header) {
        String normalised = Field.normalise(header);
        return normalised.equals("newsletter") || normalised.equals("newsletterabo")
                || normalised.contains("consent") || normalised.contains("einwilligung")
                || normalised.contains("optin") || normalised.contains("zustimmung");
    }

    /** The purpose a consent header speaks of: {@code Newsletter-Einwilligung} is {@code newsletter}. */
    static String purpose(String header) {
        String value = header.strip().toLowerCase(Locale.ROOT);
        for (String word : CONSENT_WORDS) {
            value = value.replace(word, " ");
        }
        value = value.replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        return value.isEmpty() ? "marketing" : value;
    }

    private static String uniqueKey(String header, Set<String> keys) {
        String base = header.strip().isEmpty() ? "column" : header.strip();
        String key = base;
        for (int n = 2; !keys.add(key); n++) {
            key = base + "_" + n;
        }
        return key;
    }

    ImportKind kind() {
        return kind;
    }

    List<Column> columns() {
        return columns;
    }

    /** The column feeding a field, or -1. */
    int indexOf(Field field) {
        return byField.getOrDefault(field, -1);
    }

    boolean has(Field field) {
        return byField.containsKey(field);
    }

    /** The mapping as shown in reports: column, target and how it was found. */
    List<Map<String, String>> describe() {
        List<Map<String, String>> described = new ArrayList<>(columns.size());
        for (Column column : columns) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("column", column.header());
            entry.put("field", column.target(kind));
            entry.put("how", column.how().name().toLowerCase(Locale.ROOT));
            described.add(entry);
        }
        return described;
    }
}
