package io.lotse.server.importer;

import io.lotse.engine.identity.Identifier;
import io.lotse.server.collect.CollectedEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Turns the rows of one kind of file into events, accounting for every row in the {@link Tally}. */
abstract class RowProcessor {

    /** What the importer knows about people already in Lotse. */
    interface People {
        /** Those of the identifiers that a profile holds. */
        Set<Identifier> known(Collection<Identifier> identifiers);

        /** Whether the person was erased, so that their rows must not bring them back. */
        boolean erased(List<Identifier> identifiers);
    }

    /**
     * What every row of an import shares.
     *
     * @param mapping      the columns
     * @param cleaner      emails and phones
     * @param people       profiles already in Lotse
     * @param now          the import's time, {@code receivedAt} of every event
     * @param zone         the time zone of dates without offset
     * @param decimalComma whether amounts use a decimal comma
     * @param currency     the currency of amounts without one, if given
     */
    record Settings(ColumnMapping mapping, Cleaner cleaner, People people, Instant now, ZoneId zone,
                    boolean decimalComma, @Nullable String currency) {}

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final int MAX_MESSAGE_ID = 100;

    final Settings settings;
    final Tally tally;
    private final Set<Identifier> seen = new HashSet<>();
    private final Set<Identifier> toLookUp = new java.util.LinkedHashSet<>();
    private final MessageDigest sha256;

    RowProcessor(Settings settings, Tally tally) {
        this.settings = settings;
        this.tally = tally;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Processes one data row. */
    abstract void row(long line, String[] cells);

    /** The events of all rows, once the file is read; rows still pending are settled here. */
    abstract List<CollectedEvent> finish();

    /** Why a row cannot be read at all, or null. */
    static @Nullable Reason unreadable(String[] cells) {
        if (TableReader.blank(cells)) {
            return Reason.EMPTY_ROW;
        }
        for (String cell : cells) {
            if (cell != null && cell.length() > Cleaning.MAX_CELL_LENGTH) {
                return Reason.CELL_TOO_LONG;
            }
        }
        for (String cell : cells) {
            if (cell != null && Cleaning.hasControlCharacters(cell)) {
                return Reason.INVALID_CHARACTERS;
            }
        }
        return null;
    }

    /** The raw cell of a field, or null when the field has no column or the row is short. */
    @Nullable String cell(String[] cells, Field field) {
        int index = settings.mapping().indexOf(field);
        return index < 0 || index >= cells.length ? null : cells[index];
    }

    static @Nullable String cell(String[] cells, int index) {
        return index >= cells.length ? null : cells[index];
    }

    static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Whether an earlier row of this file named one of these identifiers. Remembers them; those of a person new
     * to the file are looked up in Lotse all at once by {@link #knownInLotse}, when the whole file is read.
     */
    boolean seenInFile(List<Identifier> identifiers) {
        boolean seenBefore = false;
        for (Identifier identifier : identifiers) {
            if (seen.contains(identifier)) {
                seenBefore = true;
                break;
            }
        }
        if (!seenBefore) {
            toLookUp.addAll(identifiers);
        }
        seen.addAll(identifiers);
        return seenBefore;
    }

    /** The identifiers of people new to the file that a profile in Lotse already holds; call once. */
    Set<Identifier> knownInLotse() {
        Set<Identifier> known = toLookUp.isEmpty() ? Set.of() : settings.people().known(toLookUp);
        toLookUp.clear();
        return known;
    }

    /** Whether a row's person already existed: named by an earlier row, or holding a profile. */
    static boolean existed(boolean seenInFile, List<Identifier> identifiers, Set<Identifier> knownInLotse) {
        if (seenInFile) {
            return true;
        }
        for (Identifier identifier : identifiers) {
            if (knownInLotse.contains(identifier)) {
                return true;
            }
        }
        return false;
    }

    String sha256(String text) {
        return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The anonymous id of a person known only by email or phone: the same for every import of them. */
    String anonymousIdOf(String identifier) {
        return "import-" + sha256(identifier).substring(0, 32);
    }

    /** A message id with a readable prefix, hashed when the whole would be too long for the log. */
    String messageId(String prefix, String key) {
        String id = prefix + key;
        return id.length() <= MAX_MESSAGE_ID ? id : prefix + sha256(key);
    }

    /** The common fields of an imported message. */
    static ObjectNode message(String type, String messageId, @Nullable String userId, @Nullable String anonymousId) {
        ObjectNode message = NODES.objectNode();
        message.put("type", type);
        message.put("messageId", messageId);
        if (userId != null) {
            message.put("userId", userId);
        }
        if (anonymousId != null) {
            message.put("anonymousId", anonymousId);
        }
        return message;
    }

    /** Adds context, timestamps and makes the event. */
    CollectedEvent event(ObjectNode message, io.lotse.server.collect.EventType type, @Nullable String name,
                         Instant timestamp) {
        ObjectNode context = message.get("context") instanceof ObjectNode existing ? existing
                : message.putObject("context");
        context.putObject("library").put("name", "lotse-import").put("version", "1");
        ObjectNode kind = context.putObject("import");
        kind.put("kind", settings.mapping().kind().wireName());
        message.put("timestamp", timestamp.toString());
        message.put("receivedAt", settings.now().toString());
        return new CollectedEvent(message.path("messageId").asString(), type, name,
                message.has("userId") ? message.path("userId").asString() : null,
                message.has("anonymousId") ? message.path("anonymousId").asString() : null,
                timestamp, settings.now(), message);
    }
}
