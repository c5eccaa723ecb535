package io.lotse.server.importer;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import io.lotse.server.collect.CollectedEvent;
import io.lotse.server.collect.EventType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * Contacts: every row becomes one {@code identify} call. The user id is the customer id when there is one, else
 * an anonymous id derived from the email (or phone), so that the same person gets the same ids on every import.
 *
 * <p>An invalid email or phone rejects the row when it is the row's only identifier; when the row has another
 * one, the bad value is dropped with a warning and the row is imported.
 */
final class ContactRows extends RowProcessor {

    private final Map<String, CollectedEvent> events = new LinkedHashMap<>();
    /** Rows taken, counted as imported or merged once the file is read and their people are looked up. */
    private final List<Taken> taken = new ArrayList<>();

    private record Taken(long line, List<Identifier> identifiers, boolean seenInFile) {}

    ContactRows(Settings settings, Tally tally) {
        super(settings, tally);
    }

    @Override
    void row(long line, String[] cells) {
        tally.row(line);
        Reason unreadable = unreadable(cells);
        if (unreadable != null) {
            tally.rejected(line, unreadable, unreadable.text());
            return;
        }
        String rawEmail = cell(cells, Field.EMAIL);
        String rawPhone = cell(cells, Field.PHONE);
        String customerId = settings.cleaner().customerId(Cleaning.id(cell(cells, Field.CUSTOMER_ID))).orElse(null);
        String email = present(rawEmail) ? settings.cleaner().email(rawEmail).orElse(null) : null;
        String phone = present(rawPhone) ? settings.cleaner().phone(rawPhone).orElse(null) : null;

        if (present(rawEmail) && email == null) {
            String detail = "'" + rawEmail.strip() + "' is not an email address";
            if (customerId == null && phone == null) {
                tally.rejected(line, Reason.INVALID_EMAIL, detail);
                return;
            }
            tally.warning(line, Reason.INVALID_EMAIL, detail + "; dropped, the row is imported by its other identifier");
        }
        if (present(rawPhone) && phone == null) {
            String detail = "'" + rawPhone.strip() + "' is not a phone number (default region "
                    + "configured in lotse.identity.phone-region)";
            if (customerId == null && email == null) {
                tally.rejected(line, Reason.INVALID_PHONE, detail);
                return;
            }
            tally.warning(line, Reason.INVALID_PHONE, detail + "; dropped, the row is imported by its other identifier");
        }
        if (customerId == null && email == null && phone == null) {
            tally.rejected(line, Reason.MISSING_IDENTIFIER, "the row has no email, phone or customer id");
            return;
        }
        List<Identifier> identifiers = new ArrayList<>(3);
        if (customerId != null) {
            identifiers.add(new Identifier(IdentityType.USER_ID, customerId));
        }
        if (email != null) {
            identifiers.add(new Identifier(IdentityType.EMAIL, email));
        }
        if (phone != null) {
            identifiers.add(new Identifier(IdentityType.PHONE, phone));
        }
        if (settings.people().erased(identifiers)) {
            tally.rejected(line, Reason.ERASED_PERSON, Reason.ERASED_PERSON.text());
            return;
        }

        ObjectNode traits = NODES.objectNode();
        if (email != null) {
            traits.put("email", email);
        }
        if (phone != null) {
            traits.put("phone", phone);
        }
        putText(traits, "firstName", Cleaning.text(cell(cells, Field.FIRST_NAME)));
        putText(traits, "lastName", Cleaning.text(cell(cells, Field.LAST_NAME)));
        String rawBirthday = cell(cells, Field.BIRTHDAY);
        if (present(rawBirthday)) {
            Optional<LocalDate> birthday = Cleaning.date(rawBirthday);
            if (birthday.isPresent()) {
                traits.put("birthday", birthday.get().toString());
            } else {
                tally.warning(line, Reason.UNPARSEABLE_DATE, "birthday '" + rawBirthday.strip()
                        + "' is not a date; dropped");
            }
        }
        String city = Cleaning.text(cell(cells, Field.CITY));
        String zip = Cleaning.id(cell(cells, Field.ZIP));
        String country = Cleaning.text(cell(cells, Field.COUNTRY));
        if (city != null || zip != null || country != null) {
            ObjectNode address = traits.putObject("address");
            putText(address, "city", city);
            putText(address, "postalCode", zip);
            putText(address, "country", country);
        }
        ObjectNode consent = null;
        for (ColumnMapping.Column column : settings.mapping().columns()) {
            String raw = cell(cells, column.index());
            if (!present(raw)) {
                continue;
            }
            if (column.purpose() != null) {
                Optional<Boolean> granted = Cleaning.flag(raw);
                if (granted.isPresent()) {
                    if (consent == null) {
                        consent = NODES.objectNode();
                    }
                    consent.put(column.purpose(), granted.get());
                } else {
                    tally.warning(line, Reason.INVALID_CONSENT, column.header() + " '" + raw.strip()
                            + "' is not yes or no; dropped");
                }
            } else if (column.key() != null) {
                traits.put(column.key(), Cleaning.text(raw));
            }
        }
        if (consent != null) {
            traits.set("consent", consent);
        }

        String anonymousId = customerId != null ? null : anonymousIdOf(email != null ? "email:" + email : "phone:" + phone);
        ObjectNode message = message("identify", "", customerId, anonymousId);
        message.set("traits", traits);
        String messageId = messageId("import:contacts:", sha256(message.toString()));
        message.put("messageId", messageId);

        Map<String, Object> preview = tally.preview(line);
        if (preview != null) {
            if (customerId != null) {
                preview.put("userId", customerId);
            } else {
                preview.put("anonymousId", anonymousId);
            }
            preview.put("traits", traits);
        }
        boolean seenBefore = seenInFile(identifiers);
        if (events.containsKey(messageId)) {
            tally.merged(line); // the same cleaned row twice: one event
            return;
        }
        events.put(messageId, event(message, EventType.IDENTIFY, null, settings.now()));
        taken.add(new Taken(line, identifiers, seenBefore));
    }

    private static void putText(ObjectNode node, String field, @Nullable String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    @Override
    List<CollectedEvent> finish() {
        Set<Identifier> known = knownInLotse();
        for (Taken row : taken) {
            if (existed(row.seenInFile(), row.identifiers(), known)) {
                tally.merged(row.line());
            } else {
                tally.imported(row.line());
            }
        }
        taken.clear();
        return List.copyOf(events.values());
    }
}
