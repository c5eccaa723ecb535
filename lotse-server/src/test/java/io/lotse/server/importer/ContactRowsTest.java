package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.lotse.engine.identity.Identifier;
import io.lotse.engine.identity.IdentityType;
import io.lotse.server.collect.CollectedEvent;
import io.lotse.server.collect.EventType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Contact rows become identify calls; bad rows are rejected with their reason. */
class ContactRowsTest {

    private final RowsFixture fixture = new RowsFixture();

    @Test
    void aRowBecomesAnIdentifyCallWithCleanedTraits() {
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS,
                "E-Mail;Vorname;Nachname;Telefon;PLZ;Ort;Land;Geburtsdatum;Newsletter-Einwilligung;Lieblingsfarbe",
                " Ada@Example.ORG ;  Ada ;Lovelace;0151 23456789;01067;Dresden;DE;10.12.1815;ja;blau");
        assertThat(events).hasSize(1);
        CollectedEvent event = events.get(0);
        assertThat(event.type()).isEqualTo(EventType.IDENTIFY);
        assertThat(event.userId()).isNull();
        assertThat(event.anonymousId()).startsWith("import-");
        assertThat(event.messageId()).startsWith("import:contacts:").hasSize("import:contacts:".length() + 64);
        JsonNode traits = event.payload().path("traits");
        assertThat(traits.path("email").asString()).isEqualTo("ada@example.org");
        assertThat(traits.path("phone").asString()).isEqualTo("+4915123456789");
        assertThat(traits.path("firstName").asString()).isEqualTo("Ada");
        assertThat(traits.path("lastName").asString()).isEqualTo("Lovelace");
        assertThat(traits.path("birthday").asString()).isEqualTo("1815-12-10");
        assertThat(traits.path("address").path("postalCode").asString()).isEqualTo("01067");
        assertThat(traits.path("address").path("city").asString()).isEqualTo("Dresden");
        assertThat(traits.path("consent").path("newsletter").asBoolean()).isTrue();
        assertThat(traits.path("Lieblingsfarbe").asString()).isEqualTo("blau");
        assertThat(fixture.tally.imported()).isEqualTo(1);
    }

    @Test
    void theCustomerIdIsTheUserId() {
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, "customer_id,email", "17850.0,a@example.org");
        assertThat(events.get(0).userId()).isEqualTo("17850");
        assertThat(events.get(0).anonymousId()).isNull();
    }

    @Test
    void theSameRowGivesTheSameMessageIdAndAnonymousIdEveryTime() {
        List<CollectedEvent> first = new RowsFixture().run(ImportKind.CONTACTS, "email,name", "a@example.org,Ada");
        List<CollectedEvent> second = new RowsFixture().run(ImportKind.CONTACTS, "email,name", "A@example.org ,Ada ");
        assertThat(second.get(0).messageId()).isEqualTo(first.get(0).messageId());
        assertThat(second.get(0).anonymousId()).isEqualTo(first.get(0).anonymousId());
    }

    @Test
    void anInvalidEmailRejectsARowWithoutOtherIdentifier() {
        fixture.run(ImportKind.CONTACTS, "email,name", "ada(at)example.org,Ada");
        assertThat(fixture.reasonOf(2)).isEqualTo("invalid_email");
        assertThat(fixture.tally.rejectedRows().get(0).detail()).contains("ada(at)example.org");
    }

    @Test
    void anInvalidEmailIsDroppedWithAWarningWhenThePhoneOrCustomerIdentifies() {
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, "email,phone,customer_id",
                "not-an-email,0151 23456789,", "nope,,c-1");
        assertThat(events).hasSize(2);
        assertThat(events.get(0).payload().path("traits").has("email")).isFalse();
        assertThat(fixture.tally.warningsByReason()).containsEntry("invalid_email", 2L);
        assertThat(fixture.tally.rejected()).isZero();
    }

    @Test
    void anInvalidPhoneRejectsARowWithoutOtherIdentifierAndIsDroppedOtherwise() {
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, "phone,email", "12,", "12,a@example.org");
        assertThat(fixture.reasonOf(2)).isEqualTo("invalid_phone");
        assertThat(events).hasSize(1);
        assertThat(fixture.tally.warningsByReason()).containsEntry("invalid_phone", 1L);
    }

    @Test
    void aRowWithoutAnyIdentifierIsRejected() {
        fixture.run(ImportKind.CONTACTS, "email,Vorname", ",Ada");
        assertThat(fixture.reasonOf(2)).isEqualTo("missing_identifier");
    }

    @Test
    void emptyRowsOverlongCellsAndControlCharactersAreRejected() {
        fixture.run(ImportKind.CONTACTS, "email,note", ",", "a@example.org," + "x".repeat(Cleaning.MAX_CELL_LENGTH + 1),
                "b@example.org,bell\u0007");
        assertThat(fixture.reasonOf(2)).isEqualTo("empty_row");
        assertThat(fixture.reasonOf(3)).isEqualTo("cell_too_long");
        assertThat(fixture.reasonOf(4)).isEqualTo("invalid_characters");
        assertThat(fixture.accountsForEveryRow()).isTrue();
    }

    @Test
    void erasedPeopleAreNotBroughtBack() {
        fixture.erased.add(new Identifier(IdentityType.EMAIL, "gone@example.org"));
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, "email", "Gone@example.org");
        assertThat(events).isEmpty();
        assertThat(fixture.reasonOf(2)).isEqualTo("erased_person");
    }

    @Test
    void unparseableBirthdaysAndConsentsAreDroppedWithAWarning() {
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, "email,birthday,newsletter",
                "a@example.org,someday,maybe");
        assertThat(events.get(0).payload().path("traits").has("birthday")).isFalse();
        assertThat(events.get(0).payload().path("traits").has("consent")).isFalse();
        assertThat(fixture.tally.warningsByReason()).containsEntry("unparseable_date", 1L)
                .containsEntry("invalid_consent", 1L);
    }

    @Test
    void peopleSeenBeforeInTheFileOrInLotseAreMerged() {
        fixture.known.add(new Identifier(IdentityType.EMAIL, "known@example.org"));
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, "email,name",
                "new@example.org,New", "NEW@example.org,New Again", "known@example.org,Known", "new@example.org,New");
        assertThat(fixture.tally.imported()).isEqualTo(1);
        assertThat(fixture.tally.merged()).isEqualTo(3);
        assertThat(events).as("the identical fourth row is the first row's event").hasSize(3);
        assertThat(events.get(0).anonymousId()).isEqualTo(events.get(1).anonymousId());
    }

    @Test
    void overridesMapUnrecognisedColumns() {
        List<CollectedEvent> events = fixture.run(ImportKind.CONTACTS, Map.of("Kd-Nr", "customer_id", "Werbung",
                "consent.marketing"), "Kd-Nr,Werbung", "42,nein");
        assertThat(events.get(0).userId()).isEqualTo("42");
        assertThat(events.get(0).payload().path("traits").path("consent").path("marketing").asBoolean(true)).isFalse();
    }
}
