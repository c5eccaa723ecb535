package io.lotse.server.importer;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentifierNormaliser;
import io.lotse.engine.identity.IdentityType;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Cleans emails and phone numbers exactly as identity resolution does (trimmed and lower-cased emails, E.164
 * phones in the configured default region, junk values refused), so that an imported person meets the same
 * profile as their tracked events.
 */
final class Cleaner {

    private final IdentifierNormaliser normaliser;

    Cleaner(IdentifierNormaliser normaliser) {
        this.normaliser = normaliser;
    }

    /** The cleaned email, or empty when the value is not an address (or a known placeholder such as test@test.com). */
    Optional<String> email(String raw) {
        String value = raw.strip();
        if (value.regionMatches(true, 0, "mailto:", 0, 7)) {
            value = value.substring(7);
        }
        return normaliser.normalise(IdentityType.EMAIL, value).map(Identifier::value);
    }

    /** The phone number in E.164, or empty when it is not a valid number. */
    Optional<String> phone(String raw) {
        return normaliser.normalise(IdentityType.PHONE, raw).map(Identifier::value);
    }

    /** A customer id as identity resolution stores it, or empty when it is a placeholder such as {@code 0}. */
    Optional<String> customerId(@Nullable String cleanedId) {
        return cleanedId == null ? Optional.empty()
                : normaliser.normalise(IdentityType.USER_ID, cleanedId).map(Identifier::value);
    }
}
