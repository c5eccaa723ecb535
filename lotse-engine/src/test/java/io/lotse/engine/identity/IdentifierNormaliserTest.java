package io.lotse.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierNormaliserTest {

    private static final IdentityType CRM_ID = IdentityType.external("CRM_ID");

    private final IdentifierNormaliser normaliser = IdentifierNormaliser.withDefaults();

    @Nested
    class Emails {

        @Test
        void trimsAndLowerCasesEmails() {
            assertThat(normaliser.normalise(IdentityType.EMAIL, "  Anna.Schmidt@Example.DE \t"))
                    .contains(new Identifier(IdentityType.EMAIL, "anna.schmidt@example.de"));
        }

        @Test
        void differentSpellingsOfOneEmailBecomeEqualIdentifiers() {
            assertThat(normaliser.normalise(IdentityType.EMAIL, "ANNA@example.com"))
                    .isEqualTo(normaliser.normalise(IdentityType.EMAIL, " anna@EXAMPLE.com "));
        }

        @Test
        void keepsPlusAddressingAndSubdomains() {
            assertThat(normaliser.normalise(IdentityType.EMAIL, "Anna+News@Mail.Example.co.uk"))
                    .contains(new Identifier(IdentityType.EMAIL, "anna+news@mail.example.co.uk"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "anna",
                "anna@",
                "@example.com",
                "anna@example",
                "anna@example.c",
                "anna@@example.com",
                "anna@one@example.com",
                "anna schmidt@example.com",
                "anna@exa mple.com",
                "anna@example.",
                "anna@.com"})
        void dropsInvalidEmails(String raw) {
            assertThat(normaliser.normalise(IdentityType.EMAIL, raw)).isEmpty();
        }

        @Test
        void dropsEmailsWithALocalPartLongerThan64Characters() {
            assertThat(normaliser.normalise(IdentityType.EMAIL, "a".repeat(64) + "@example.com")).isPresent();
            assertThat(normaliser.normalise(IdentityType.EMAIL, "a".repeat(65) + "@example.com")).isEmpty();
        }
    }

    @Nested
    class Phones {

        @Test
        void nationalGermanNumberGetsTheDefaultRegionDE() {
            assertThat(normaliser.normalise(IdentityType.PHONE, "0151 23456789"))
                    .contains(new Identifier(IdentityType.PHONE, "+4915123456789"));
        }

        @Test
        void internationalNumberKeepsItsOwnCountry() {
            assertThat(normaliser.normalise(IdentityType.PHONE, "+44 20 7946 0958"))
                    .contains(new Identifier(IdentityType.PHONE, "+442079460958"));
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "0151 23456789",
                "+49 151 23456789",
                "+49 (0)151 234 567 89",
                "0049 151 23456789",
                "0151/23456789",
                "  0151-234-567-89  "})
        void everyNotationOfOneNumberBecomesTheSameE164Value(String raw) {
            assertThat(normaliser.normalise(IdentityType.PHONE, raw))
                    .contains(new Identifier(IdentityType.PHONE, "+4915123456789"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"12", "123456", "+49 1", "+49 0000 0000000", "not a phone", "phone: soon", "+999 12345678"})
        void dropsInvalidPhoneNumbers(String raw) {
            assertThat(normaliser.normalise(IdentityType.PHONE, raw)).isEmpty();
        }

        @Test
        void nationalNumbersUseTheConfiguredDefaultRegionWhateverItsCase() {
            IdentifierNormaliser british = new IdentifierNormaliser(Set.of(), "gb");

            assertThat(british.normalise(IdentityType.PHONE, "020 7946 0958"))
                    .contains(new Identifier(IdentityType.PHONE, "+442079460958"));
            assertThat(british.normalise(IdentityType.PHONE, "+49 151 23456789"))
                    .contains(new Identifier(IdentityType.PHONE, "+4915123456789"));
        }
    }

    @Nested
    class Blocklist {

        static Stream<Arguments> junkValuesFromTheProductSpec() {
            Stream<String> spellings = Stream.of(
                    "null", "NULL", "Null", "  null  ",
                    "undefined", "UNDEFINED", " Undefined\t",
                    "0", " 0 ",
                    "anonymous", "ANONYMOUS", " Anonymous ",
                    "guest", "GUEST", "\tGuest ",
                    "test@test.com", "TEST@TEST.COM", "  Test@Test.com  ");
            return spellings.flatMap(value -> Stream.of(
                            IdentityType.USER_ID, IdentityType.ANONYMOUS_ID, IdentityType.DEVICE_ID, CRM_ID)
                    .map(type -> Arguments.of(type, value)));
        }

        @ParameterizedTest(name = "{0} \"{1}\"")
        @MethodSource("junkValuesFromTheProductSpec")
        void junkValuesNamedInTheProductSpecAreNeverIdentifiers(IdentityType type, String raw) {
            assertThat(normaliser.isBlocked(raw)).isTrue();
            assertThat(normaliser.normalise(type, raw)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"test@test.com", "TEST@test.COM", "  Test@Test.Com "})
        void placeholderEmailIsBlockedAsEmail(String raw) {
            assertThat(normaliser.normalise(IdentityType.EMAIL, raw)).isEmpty();
        }

        @Test
        void defaultBlocklistHoldsEveryJunkValueNamedInTheProductSpec() {
            assertThat(IdentifierNormaliser.DEFAULT_BLOCKLIST)
                    .contains("null", "undefined", "0", "anonymous", "guest", "test@test.com");
        }

        @ParameterizedTest
        @ValueSource(strings = {"guest-4711", "null-pointer", "anonymous_7f3a", "10", "0815", "nullable"})
        void valuesThatMerelyContainAJunkWordAreKept(String raw) {
            assertThat(normaliser.normalise(IdentityType.USER_ID, raw))
                    .contains(new Identifier(IdentityType.USER_ID, raw));
        }

        @Test
        void realEmailOnAJunkDomainIsKept() {
            assertThat(normaliser.normalise(IdentityType.EMAIL, "anna@test.com"))
                    .contains(new Identifier(IdentityType.EMAIL, "anna@test.com"));
        }

        @Test
        void customBlocklistBlocksItsValuesCaseInsensitivelyAfterTrimming() {
            IdentifierNormaliser custom = new IdentifierNormaliser(Set.of(" Demo-User ", "12345"), "DE");

            assertThat(custom.normalise(IdentityType.USER_ID, "demo-user")).isEmpty();
            assertThat(custom.normalise(IdentityType.USER_ID, "  DEMO-USER ")).isEmpty();
            assertThat(custom.normalise(IdentityType.ANONYMOUS_ID, "12345")).isEmpty();
            assertThat(custom.isBlocked("Demo-User")).isTrue();
        }

        @Test
        void customBlocklistReplacesTheDefaults() {
            IdentifierNormaliser custom = new IdentifierNormaliser(Set.of("demo-user"), "DE");

            assertThat(custom.normalise(IdentityType.USER_ID, "undefined"))
                    .contains(new Identifier(IdentityType.USER_ID, "undefined"));
            assertThat(custom.normalise(IdentityType.USER_ID, "user-42"))
                    .contains(new Identifier(IdentityType.USER_ID, "user-42"));
        }

        @Test
        void customBlocklistAppliesToNormalisedEmails() {
            IdentifierNormaliser custom = new IdentifierNormaliser(Set.of("Info@Shop.Example"), "DE");

            assertThat(custom.normalise(IdentityType.EMAIL, " INFO@shop.example ")).isEmpty();
            assertThat(custom.normalise(IdentityType.EMAIL, "anna@shop.example")).isPresent();
        }

        @Test
        void customBlocklistAppliesToPhoneNumbersInE164() {
            IdentifierNormaliser custom = new IdentifierNormaliser(Set.of("+4915123456789"), "DE");

            assertThat(custom.normalise(IdentityType.PHONE, "0151 23456789")).isEmpty();
            assertThat(custom.normalise(IdentityType.PHONE, "+49 151 23456789")).isEmpty();
            assertThat(custom.normalise(IdentityType.PHONE, "0151 23456788")).isPresent();
        }
    }

    @Nested
    class OtherValues {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "   \t\n "})
        void blankValuesAreDropped(String raw) {
            assertThat(normaliser.normalise(IdentityType.USER_ID, raw)).isEmpty();
            assertThat(normaliser.normalise(IdentityType.EMAIL, raw)).isEmpty();
            assertThat(normaliser.normalise(IdentityType.PHONE, raw)).isEmpty();
        }

        @Test
        void userIdsAreTrimmedButKeepTheirCase() {
            assertThat(normaliser.normalise(IdentityType.USER_ID, "  User-42\t"))
                    .contains(new Identifier(IdentityType.USER_ID, "User-42"));
        }

        @Test
        void valuesOfUpTo256CharactersAreKept() {
            String longest = "u".repeat(256);

            assertThat(normaliser.normalise(IdentityType.USER_ID, "  " + longest + "  "))
                    .contains(new Identifier(IdentityType.USER_ID, longest));
        }

        @Test
        void overLongValuesAreDropped() {
            assertThat(normaliser.normalise(IdentityType.USER_ID, "u".repeat(257))).isEmpty();
            assertThat(normaliser.normalise(IdentityType.ANONYMOUS_ID, "a".repeat(10_000))).isEmpty();
            assertThat(normaliser.normalise(IdentityType.EMAIL, "anna@" + "x".repeat(250) + ".com")).isEmpty();
        }

        @Test
        void externalIdsAreTrimmedAndTypedByTheirExternalType() {
            assertThat(normaliser.normalise(CRM_ID, " C-1001 "))
                    .contains(new Identifier(IdentityType.of("ext:crm_id"), "C-1001"));
        }
    }

    @Nested
    class IdentityTypes {

        @Test
        void externalTypeIsPrefixedAndLowerCased() {
            assertThat(IdentityType.external("CRM_ID").name()).isEqualTo("ext:crm_id");
            assertThat(IdentityType.external("  Shop.Customer-Id ").name()).isEqualTo("ext:shop.customer-id");
        }

        @Test
        void externalTypeEqualsTheParsedStoredName() {
            assertThat(IdentityType.external("CRM_ID")).isEqualTo(IdentityType.of("ext:crm_id"));
            assertThat(IdentityType.external("CRM_ID")).hasToString("ext:crm_id");
        }

        @Test
        void parsingABuiltInNameGivesTheBuiltInType() {
            assertThat(IdentityType.of("user_id")).isSameAs(IdentityType.USER_ID);
            assertThat(IdentityType.of("email")).isSameAs(IdentityType.EMAIL);
            assertThat(IdentityType.of("phone")).isSameAs(IdentityType.PHONE);
            assertThat(IdentityType.of("device_id")).isSameAs(IdentityType.DEVICE_ID);
            assertThat(IdentityType.of("anonymous_id")).isSameAs(IdentityType.ANONYMOUS_ID);
        }

        @Test
        void userIdIsStrongestAndAnonymousIdWeakest() {
            assertThat(IdentityType.USER_ID.strength())
                    .isGreaterThan(IdentityType.EMAIL.strength());
            assertThat(IdentityType.EMAIL.strength())
                    .isGreaterThan(IdentityType.PHONE.strength());
            assertThat(IdentityType.PHONE.strength())
                    .isGreaterThan(CRM_ID.strength());
            assertThat(CRM_ID.strength())
                    .isGreaterThan(IdentityType.DEVICE_ID.strength());
            assertThat(IdentityType.DEVICE_ID.strength())
                    .isGreaterThan(IdentityType.ANONYMOUS_ID.strength());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "Email", "user id", "crm/id", "ext:crm id", "e-mail!", "kundennummer_ä"})
        void invalidTypeNamesAreRejected(String name) {
            assertThatIllegalArgumentException().isThrownBy(() -> IdentityType.of(name))
                    .withMessageContaining("invalid identity type name");
        }

        @Test
        void typeNamesLongerThan64CharactersAreRejected() {
            assertThat(IdentityType.of("t".repeat(64)).name()).hasSize(64);
            assertThatIllegalArgumentException().isThrownBy(() -> IdentityType.of("t".repeat(65)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "crm id", "crm/id", "crm:id", "crm#1", "kundennummer_ä"})
        void invalidExternalTypesAreRejected(String externalType) {
            assertThatIllegalArgumentException().isThrownBy(() -> IdentityType.external(externalType));
        }

        @Test
        void overLongExternalTypesAreRejected() {
            assertThat(IdentityType.external("t".repeat(60)).name()).hasSize(64);
            assertThatIllegalArgumentException().isThrownBy(() -> IdentityType.external("t".repeat(61)));
        }

        @Test
        void identifiersWithAnEmptyValueAreRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> new Identifier(IdentityType.USER_ID, ""));
        }
    }
}
