package io.lotse.engine.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns raw identifier values into canonical {@link Identifier}s and drops junk values.
 *
 * <p>Emails are trimmed and lower-cased, phone numbers become E.164, everything else is trimmed. Values on the
 * blocklist (compared case-insensitively after trimming) are never identifiers: tracking code often sends
 * placeholders such as {@code "undefined"} that would otherwise join unrelated people into one profile.
 */
public final class IdentifierNormaliser {

    /** Placeholders seen in real tracking data; each would merge every person who sends it. */
    public static final Set<String> DEFAULT_BLOCKLIST = Set.of(
            "null", "undefined", "none", "nil", "nan", "0", "-1", "anonymous", "guest", "unknown",
            "n/a", "na", "test", "user", "default", "[object object]", "{}", "true", "false",
            "00000000-0000-0000-0000-000000000000",
            "test@test.com", "test@example.com", "example@example.com", "email@example.com",
            "noemail@noemail.com", "no@email.com", "none@none.com", "a@a.com", "user@example.com",
            "+10000000000", "+490000000000");

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
    private static final int MAX_VALUE_LENGTH = 256;

    private final Set<String> blocklist;
    private final String defaultRegion;
    private final PhoneNumberUtil phones = PhoneNumberUtil.getInstance();

    /**
     * @param blocklist     values that never identify anyone, compared lower-cased
     * @param defaultRegion ISO 3166 region for phone numbers written without a country code, e.g. {@code DE}
     */
    public IdentifierNormaliser(Set<String> blocklist, String defaultRegion) {
        this.blocklist = blocklist.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.defaultRegion = defaultRegion.toUpperCase(Locale.ROOT);
    }

    public static IdentifierNormaliser withDefaults() {
        return new IdentifierNormaliser(DEFAULT_BLOCKLIST, "DE");
    }

    /**
     * Normalises one raw value of the given type.
     *
     * @return the identifier, or empty when the value is blank, blocklisted, too long or not valid for its type
     */
    public Optional<Identifier> normalise(IdentityType type, String raw) {
        String trimmed = raw.trim();
        if (trimmed.isEmpty() || trimmed.length() > MAX_VALUE_LENGTH || isBlocked(trimmed)) {
            return Optional.empty();
        }
        if (type.equals(IdentityType.EMAIL)) {
            return email(trimmed);
        }
        if (type.equals(IdentityType.PHONE)) {
            return phone(trimmed);
        }
        return Optional.of(new Identifier(type, trimmed));
    }

    /** Whether a value is a known placeholder that must never identify anyone. */
    public boolean isBlocked(String value) {
        return blocklist.contains(value.trim().toLowerCase(Locale.ROOT));
    }

    private Optional<Identifier> email(String value) {
        String email = value.toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches() || isBlocked(email)) {
            return Optional.empty();
        }
        return Optional.of(new Identifier(IdentityType.EMAIL, email));
    }

    private Optional<Identifier> phone(String value) {
        try {
            var number = phones.parse(value, defaultRegion);
            if (!phones.isValidNumber(number)) {
                return Optional.empty();
            }
            String e164 = phones.format(number, PhoneNumberFormat.E164);
            return isBlocked(e164) ? Optional.empty() : Optional.of(new Identifier(IdentityType.PHONE, e164));
        } catch (NumberParseException notAPhoneNumber) {
            return Optional.empty();
        }
    }
}
