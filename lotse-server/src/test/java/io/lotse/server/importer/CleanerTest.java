package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.identity.IdentifierNormaliser;
import org.junit.jupiter.api.Test;

/** Emails and phones are cleaned as identity resolution stores them. */
class CleanerTest {

    private final Cleaner germany = new Cleaner(IdentifierNormaliser.withDefaults());
    private final Cleaner britain = new Cleaner(new IdentifierNormaliser(IdentifierNormaliser.DEFAULT_BLOCKLIST, "GB"));

    @Test
    void emailsAreTrimmedAndLowerCased() {
        assertThat(germany.email("  Ada.Lovelace@Example.ORG ")).contains("ada.lovelace@example.org");
        assertThat(germany.email("mailto:ada@example.org")).contains("ada@example.org");
    }

    @Test
    void invalidEmailsAndPlaceholdersAreRefused() {
        assertThat(germany.email("ada(at)example.org")).isEmpty();
        assertThat(germany.email("ada@example")).isEmpty();
        assertThat(germany.email("a b@example.org")).isEmpty();
        assertThat(germany.email("test@test.com")).isEmpty();
    }

    @Test
    void phonesBecomeE164InTheDefaultRegion() {
        assertThat(germany.phone("0151 23456789")).contains("+4915123456789");
        assertThat(germany.phone("+49 (151) 234-56789")).contains("+4915123456789");
        assertThat(germany.phone("0049 151 23456789")).contains("+4915123456789");
        assertThat(britain.phone("07911 123456")).contains("+447911123456");
    }

    @Test
    void invalidPhonesAreRefused() {
        assertThat(germany.phone("12")).isEmpty();
        assertThat(germany.phone("call me")).isEmpty();
    }

    @Test
    void placeholderCustomerIdsAreNoIds() {
        assertThat(germany.customerId("0")).isEmpty();
        assertThat(germany.customerId("17850")).contains("17850");
        assertThat(germany.customerId(null)).isEmpty();
    }
}
