package io.lotse.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

import io.lotse.engine.identity.Observation.Merge;
import io.lotse.engine.identity.Observation.Refusal;
import io.lotse.engine.identity.Observation.RefusalReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IdentityGraphTest {

    /** Profile ids handed out for new profiles start here, well above the ids of loaded profiles. */
    private static final long FIRST_NEW_ID = 1_000;

    private final IdentityGraph graph = newGraph(IdentityLimits.defaults());

    private static IdentityGraph newGraph(IdentityLimits limits) {
        AtomicLong ids = new AtomicLong(FIRST_NEW_ID);
        return new IdentityGraph(limits, ids::getAndIncrement);
    }

    private static Identifier user(String value) {
        return new Identifier(IdentityType.USER_ID, value);
    }

    private static Identifier email(String value) {
        return new Identifier(IdentityType.EMAIL, value);
    }

    private static Identifier phone(String value) {
        return new Identifier(IdentityType.PHONE, value);
    }

    private static Identifier anon(String value) {
        return new Identifier(IdentityType.ANONYMOUS_ID, value);
    }

    private static Identifier device(String value) {
        return new Identifier(IdentityType.DEVICE_ID, value);
    }

    private static Identifier crm(String value) {
        return new Identifier(IdentityType.external("crm_id"), value);
    }

    @Nested
    class NewProfiles {

        @Test
        void firstObservationCreatesAProfileHoldingAllItsIdentifiers() {
            Observation observation = graph.observe(List.of(anon("a-1"), email("anna@example.com")));

            assertThat(observation.created()).isTrue();
            assertThat(observation.profileId()).isEqualTo(FIRST_NEW_ID);
            assertThat(observation.attached()).containsExactlyInAnyOrder(anon("a-1"), email("anna@example.com"));
            assertThat(observation.merges()).isEmpty();
            assertThat(observation.refusals()).isEmpty();
            assertThat(graph.profiles()).containsExactly(FIRST_NEW_ID);
            assertThat(graph.identifiersOf(FIRST_NEW_ID))
                    .containsExactlyInAnyOrder(anon("a-1"), email("anna@example.com"));
            assertThat(graph.owner(anon("a-1"))).contains(FIRST_NEW_ID);
            assertThat(graph.owner(email("anna@example.com"))).contains(FIRST_NEW_ID);
        }

        @Test
        void observingKnownIdentifiersAgainChangesNothing() {
            long profile = graph.observe(List.of(anon("a-1"), email("anna@example.com"))).profileId();

            Observation again = graph.observe(List.of(email("anna@example.com"), anon("a-1")));

            assertThat(again).isEqualTo(new Observation(profile, false, List.of(), List.of(), List.of()));
            assertThat(graph.profiles()).containsExactly(profile);
        }

        @Test
        void unrelatedObservationsGetSeparateProfiles() {
            long first = graph.observe(List.of(anon("a-1"))).profileId();
            long second = graph.observe(List.of(anon("a-2"))).profileId();

            assertThat(second).isNotEqualTo(first);
            assertThat(graph.profiles()).containsExactlyInAnyOrder(first, second);
            assertThat(graph.identifiersOf(first)).containsExactly(anon("a-1"));
            assertThat(graph.identifiersOf(second)).containsExactly(anon("a-2"));
        }

        @Test
        void repeatedIdentifierInOneObservationIsAttachedOnce() {
            Observation observation = graph.observe(List.of(anon("a-1"), anon("a-1"), user("u-1"), user("u-1")));

            assertThat(observation.attached()).containsExactlyInAnyOrder(anon("a-1"), user("u-1"));
            assertThat(observation.refusals()).isEmpty();
            assertThat(graph.identifiersOf(observation.profileId())).hasSize(2);
        }

        @Test
        void emptyObservationIsRejected() {
            assertThatIllegalArgumentException().isThrownBy(() -> graph.observe(List.of()));
            assertThat(graph.profiles()).isEmpty();
        }

        @Test
        void unknownProfilesAndIdentifiersAreEmpty() {
            assertThat(graph.identifiersOf(42)).isEmpty();
            assertThat(graph.owner(anon("nobody"))).isEmpty();
            assertThat(graph.profiles()).isEmpty();
        }

        @Test
        void readViewsAreSnapshots() {
            long profile = graph.observe(List.of(anon("a-1"))).profileId();
            var identifiers = graph.identifiersOf(profile);
            var profiles = graph.profiles();

            graph.observe(List.of(anon("a-1"), email("anna@example.com")));
            graph.observe(List.of(anon("a-2")));

            assertThat(identifiers).containsExactly(anon("a-1"));
            assertThat(profiles).containsExactly(profile);
        }
    }

    @Nested
    class SharedIdentifiers {

        @Test
        void identifyingAnAnonymousVisitorKeepsTheirProfile() {
            long browsing = graph.observe(List.of(anon("a-1"))).profileId();
            graph.observe(List.of(anon("a-1")));

            Observation identify = graph.observe(List.of(user("u-1"), anon("a-1")));

            assertThat(identify.profileId()).isEqualTo(browsing);
            assertThat(identify.created()).isFalse();
            assertThat(identify.attached()).containsExactly(user("u-1"));
            assertThat(identify.merges()).isEmpty();
            assertThat(identify.refusals()).isEmpty();
            assertThat(graph.owner(user("u-1"))).contains(browsing);
            assertThat(graph.profiles()).containsExactly(browsing);
        }

        @Test
        void secondDeviceJoinsThroughTheSameUserId() {
            long profile = graph.observe(List.of(anon("laptop"))).profileId();
            graph.observe(List.of(user("u-1"), anon("laptop")));

            Observation phoneLogin = graph.observe(List.of(user("u-1"), anon("phone")));
            Observation phoneBrowsing = graph.observe(List.of(anon("phone")));

            assertThat(phoneLogin.profileId()).isEqualTo(profile);
            assertThat(phoneLogin.created()).isFalse();
            assertThat(phoneLogin.attached()).containsExactly(anon("phone"));
            assertThat(phoneBrowsing.profileId()).isEqualTo(profile);
            assertThat(graph.identifiersOf(profile))
                    .containsExactlyInAnyOrder(user("u-1"), anon("laptop"), anon("phone"));
        }

        @Test
        void emailLinksTwoAnonymousProfilesIntoTheOlderOne() {
            long older = graph.observe(List.of(anon("a-1"))).profileId();
            long newer = graph.observe(List.of(anon("a-2"), email("anna@example.com"))).profileId();

            Observation link = graph.observe(List.of(anon("a-1"), email("anna@example.com")));

            assertThat(link.profileId()).isEqualTo(older);
            assertThat(link.created()).isFalse();
            assertThat(link.attached()).isEmpty();
            assertThat(link.refusals()).isEmpty();
            assertThat(link.merges()).singleElement().satisfies(merge -> {
                assertThat(merge.survivorId()).isEqualTo(older);
                assertThat(merge.mergedId()).isEqualTo(newer);
                assertThat(merge.linking()).containsExactlyInAnyOrder(email("anna@example.com"), anon("a-1"));
            });
            assertThat(graph.profiles()).containsExactly(older);
            assertThat(graph.identifiersOf(older))
                    .containsExactlyInAnyOrder(anon("a-1"), anon("a-2"), email("anna@example.com"));
            assertThat(graph.identifiersOf(newer)).isEmpty();
            assertThat(graph.owner(anon("a-2"))).contains(older);
        }

        @Test
        void mergeRecordNamesTheIdentifiersOfBothSidesStrongestFirst() {
            long older = graph.observe(List.of(anon("a-1"), email("anna@example.com"))).profileId();
            long newer = graph.observe(List.of(anon("a-2"))).profileId();

            Observation link = graph.observe(List.of(anon("a-2"), email("anna@example.com")));

            assertThat(link.merges()).containsExactly(
                    new Merge(older, newer, List.of(email("anna@example.com"), anon("a-2"))));
        }

        @Test
        void profileHoldingTheUserIdSurvivesEvenWhenNewer() {
            long older = graph.observe(List.of(anon("a-1"))).profileId();
            long withUser = graph.observe(List.of(user("u-1"), anon("a-2"))).profileId();

            Observation link = graph.observe(List.of(anon("a-1"), anon("a-2"), phone("+4915123456789")));

            assertThat(withUser).isGreaterThan(older);
            assertThat(link.profileId()).isEqualTo(withUser);
            assertThat(link.merges()).singleElement().satisfies(merge -> {
                assertThat(merge.survivorId()).isEqualTo(withUser);
                assertThat(merge.mergedId()).isEqualTo(older);
            });
            assertThat(link.attached()).containsExactly(phone("+4915123456789"));
            assertThat(graph.profiles()).containsExactly(withUser);
            assertThat(graph.identifiersOf(withUser))
                    .containsExactlyInAnyOrder(user("u-1"), anon("a-1"), anon("a-2"), phone("+4915123456789"));
        }

        @Test
        void userIdObservationAbsorbsAnOlderAnonymousProfile() {
            long older = graph.observe(List.of(anon("a-1"))).profileId();
            long withUser = graph.observe(List.of(user("u-1"))).profileId();

            Observation link = graph.observe(List.of(user("u-1"), anon("a-1")));

            assertThat(link.profileId()).isEqualTo(withUser);
            assertThat(link.merges()).containsExactly(
                    new Merge(withUser, older, List.of(user("u-1"), anon("a-1"))));
        }

        @Test
        void newUserIdIsAttachedToTheOlderOfTheProfilesItLinks() {
            long older = graph.observe(List.of(anon("a-1"))).profileId();
            long newer = graph.observe(List.of(email("anna@example.com"))).profileId();

            Observation login = graph.observe(List.of(anon("a-1"), user("u-1"), email("anna@example.com")));

            assertThat(login.profileId()).isEqualTo(older);
            assertThat(login.attached()).containsExactly(user("u-1"));
            assertThat(login.merges()).extracting(Merge::survivorId, Merge::mergedId)
                    .containsExactly(tuple(older, newer));
            assertThat(graph.owner(user("u-1"))).contains(older);
        }

        @Test
        void oneObservationCanMergeSeveralProfiles() {
            long first = graph.observe(List.of(anon("a-1"))).profileId();
            long second = graph.observe(List.of(anon("a-2"))).profileId();
            long third = graph.observe(List.of(email("anna@example.com"))).profileId();

            Observation link = graph.observe(List.of(anon("a-1"), anon("a-2"), email("anna@example.com")));

            assertThat(link.profileId()).isEqualTo(first);
            assertThat(link.merges()).extracting(Merge::mergedId).containsExactlyInAnyOrder(second, third);
            assertThat(link.merges()).extracting(Merge::survivorId).containsOnly(first);
            assertThat(graph.profiles()).containsExactly(first);
            assertThat(graph.identifiersOf(first))
                    .containsExactlyInAnyOrder(anon("a-1"), anon("a-2"), email("anna@example.com"));
        }
    }

    @Nested
    class DifferentUserIds {

        @Test
        void profilesWithDifferentUserIdsNeverMerge() {
            long anna = graph.observe(List.of(user("anna"), email("shared@example.com"))).profileId();
            long bernd = graph.observe(List.of(user("bernd"))).profileId();

            Observation event = graph.observe(List.of(user("bernd"), email("shared@example.com")));

            assertThat(event.profileId()).isEqualTo(bernd);
            assertThat(event.created()).isFalse();
            assertThat(event.merges()).isEmpty();
            assertThat(event.attached()).isEmpty();
            assertThat(event.refusals()).containsExactly(
                    new Refusal(bernd, anna, email("shared@example.com"), RefusalReason.DIFFERENT_USER_IDS));
            assertThat(graph.identifiersOf(anna)).containsExactlyInAnyOrder(user("anna"), email("shared@example.com"));
            assertThat(graph.identifiersOf(bernd)).containsExactly(user("bernd"));
            assertThat(graph.owner(email("shared@example.com"))).contains(anna);
        }

        @Test
        void eventWithoutUserIdLinkingTwoUsersGoesToTheStrongestOwnerAndMergesNothing() {
            long anna = graph.observe(List.of(user("anna"), email("anna@example.com"))).profileId();
            long bernd = graph.observe(List.of(user("bernd"), anon("a-b"))).profileId();

            Observation event = graph.observe(List.of(anon("a-b"), email("anna@example.com")));

            assertThat(event.profileId()).isEqualTo(anna);
            assertThat(event.merges()).isEmpty();
            assertThat(event.refusals()).containsExactly(
                    new Refusal(anna, bernd, anon("a-b"), RefusalReason.DIFFERENT_USER_IDS));
            assertThat(graph.profiles()).containsExactlyInAnyOrder(anna, bernd);
        }

        @Test
        void sharedDeviceGivesTheSecondUserANewProfileAndLeavesTheFirstUntouched() {
            long anna = graph.observe(List.of(user("anna"), anon("family-tablet"))).profileId();

            Observation bernd = graph.observe(List.of(user("bernd"), anon("family-tablet")));

            assertThat(bernd.created()).isTrue();
            assertThat(bernd.profileId()).isNotEqualTo(anna);
            assertThat(bernd.attached()).containsExactly(user("bernd"));
            assertThat(bernd.merges()).isEmpty();
            assertThat(bernd.refusals()).containsExactly(new Refusal(
                    bernd.profileId(), anna, anon("family-tablet"), RefusalReason.DIFFERENT_USER_IDS));
            assertThat(graph.identifiersOf(anna)).containsExactlyInAnyOrder(user("anna"), anon("family-tablet"));
            assertThat(graph.identifiersOf(bernd.profileId())).containsExactly(user("bernd"));
            assertThat(graph.owner(anon("family-tablet"))).contains(anna);
            assertThat(graph.owner(user("bernd"))).contains(bernd.profileId());
        }

        @Test
        void sharedDeviceSecondUserKeepsTheirOwnProfileOnLaterEvents() {
            long anna = graph.observe(List.of(user("anna"), anon("family-tablet"))).profileId();
            long bernd = graph.observe(List.of(user("bernd"), anon("family-tablet"))).profileId();

            Observation again = graph.observe(List.of(user("bernd"), anon("family-tablet")));

            assertThat(again.profileId()).isEqualTo(bernd);
            assertThat(again.created()).isFalse();
            assertThat(again.refusals()).extracting(Refusal::reason).containsExactly(RefusalReason.DIFFERENT_USER_IDS);
            assertThat(graph.identifiersOf(anna)).containsExactlyInAnyOrder(user("anna"), anon("family-tablet"));
            assertThat(graph.identifiersOf(bernd)).containsExactly(user("bernd"));
        }

        @Test
        void newUserIdTakesOverAnAnonymousProfileButNotAnotherUsersProfile() {
            long anna = graph.observe(List.of(user("anna"), anon("family-tablet"))).profileId();
            long visitor = graph.observe(List.of(email("bernd@example.com"))).profileId();

            Observation login = graph.observe(
                    List.of(user("bernd"), anon("family-tablet"), email("bernd@example.com")));

            assertThat(login.profileId()).isEqualTo(visitor);
            assertThat(login.created()).isFalse();
            assertThat(login.attached()).containsExactly(user("bernd"));
            assertThat(login.merges()).isEmpty();
            assertThat(login.refusals()).containsExactly(
                    new Refusal(visitor, anna, anon("family-tablet"), RefusalReason.DIFFERENT_USER_IDS));
            assertThat(graph.identifiersOf(anna)).containsExactlyInAnyOrder(user("anna"), anon("family-tablet"));
            assertThat(graph.identifiersOf(visitor))
                    .containsExactlyInAnyOrder(user("bernd"), email("bernd@example.com"));
        }

        @Test
        void secondUserIdOnOneProfileIsRefused() {
            Observation observation = graph.observe(List.of(user("anna"), user("bernd")));

            assertThat(observation.attached()).containsExactly(user("anna"));
            assertThat(observation.refusals()).containsExactly(
                    new Refusal(observation.profileId(), 0, user("bernd"), RefusalReason.LIMIT_EXCEEDED));
            assertThat(graph.owner(user("bernd"))).isEmpty();
        }
    }

    @Nested
    class Limits {

        private final IdentityGraph limited = newGraph(new IdentityLimits(Map.of(IdentityType.EMAIL, 2)));

        @Test
        void identifierBeyondTheLimitIsRefusedAndNotAttached() {
            long profile = limited.observe(List.of(user("u-1"), email("one@example.com"), email("two@example.com")))
                    .profileId();

            Observation third = limited.observe(List.of(user("u-1"), email("three@example.com")));

            assertThat(third.profileId()).isEqualTo(profile);
            assertThat(third.attached()).isEmpty();
            assertThat(third.refusals()).containsExactly(
                    new Refusal(profile, 0, email("three@example.com"), RefusalReason.LIMIT_EXCEEDED));
            assertThat(limited.owner(email("three@example.com"))).isEmpty();
            assertThat(limited.identifiersOf(profile))
                    .containsExactlyInAnyOrder(user("u-1"), email("one@example.com"), email("two@example.com"));
        }

        @Test
        void limitAppliesWithinOneObservation() {
            Observation observation = limited.observe(List.of(
                    anon("a-1"), email("one@example.com"), email("two@example.com"), email("three@example.com")));

            assertThat(observation.attached())
                    .containsExactlyInAnyOrder(anon("a-1"), email("one@example.com"), email("two@example.com"));
            assertThat(observation.refusals()).containsExactly(new Refusal(
                    observation.profileId(), 0, email("three@example.com"), RefusalReason.LIMIT_EXCEEDED));
        }

        @Test
        void otherTypesAreNotLimited() {
            List<Identifier> anonymousIds = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                anonymousIds.add(anon("a-" + i));
            }

            Observation observation = limited.observe(anonymousIds);

            assertThat(observation.attached()).hasSize(50);
            assertThat(observation.refusals()).isEmpty();
        }

        @Test
        void mergeThatWouldExceedTheLimitIsRefused() {
            long first = limited.observe(List.of(anon("a-1"), email("one@example.com"), email("two@example.com")))
                    .profileId();
            long second = limited.observe(List.of(anon("a-2"), email("three@example.com"))).profileId();

            Observation link = limited.observe(List.of(anon("a-1"), anon("a-2")));

            assertThat(link.profileId()).isEqualTo(first);
            assertThat(link.merges()).isEmpty();
            assertThat(link.refusals()).containsExactly(
                    new Refusal(first, second, anon("a-2"), RefusalReason.LIMIT_EXCEEDED));
            assertThat(limited.profiles()).containsExactlyInAnyOrder(first, second);
            assertThat(limited.identifiersOf(first))
                    .containsExactlyInAnyOrder(anon("a-1"), email("one@example.com"), email("two@example.com"));
            assertThat(limited.identifiersOf(second)).containsExactlyInAnyOrder(anon("a-2"), email("three@example.com"));
        }

        @Test
        void mergeReachingExactlyTheLimitIsAllowed() {
            long first = limited.observe(List.of(anon("a-1"), email("one@example.com"))).profileId();
            long second = limited.observe(List.of(anon("a-2"), email("two@example.com"))).profileId();

            Observation link = limited.observe(List.of(anon("a-1"), anon("a-2")));

            assertThat(link.refusals()).isEmpty();
            assertThat(link.merges()).extracting(Merge::survivorId, Merge::mergedId)
                    .containsExactly(tuple(first, second));
            assertThat(limited.identifiersOf(first)).filteredOn(id -> id.type().equals(IdentityType.EMAIL))
                    .hasSize(2);
        }
    }

    @Nested
    class Separations {

        @Test
        void separatedProfilesDoNotMerge() {
            graph.load(10, List.of(anon("a-1")));
            graph.load(20, List.of(anon("a-2")));
            graph.separate(10, 20);

            Observation link = graph.observe(List.of(anon("a-1"), anon("a-2")));

            assertThat(link.profileId()).isEqualTo(10);
            assertThat(link.merges()).isEmpty();
            assertThat(link.refusals()).containsExactly(new Refusal(10, 20, anon("a-2"), RefusalReason.SEPARATED));
            assertThat(graph.identifiersOf(10)).containsExactly(anon("a-1"));
            assertThat(graph.identifiersOf(20)).containsExactly(anon("a-2"));
        }

        @Test
        void separationHoldsInBothDirections() {
            graph.load(10, List.of(anon("a-1")));
            graph.load(20, List.of(anon("a-2")));
            graph.separate(10, 20);

            Observation link = graph.observe(List.of(anon("a-2"), anon("a-1")));

            assertThat(link.profileId()).isEqualTo(20);
            assertThat(link.refusals()).containsExactly(new Refusal(20, 10, anon("a-1"), RefusalReason.SEPARATED));
        }

        @Test
        void separationCarriesOverWhenASeparatedProfileIsMergedIntoAThirdOne() {
            graph.load(5, List.of(email("anna@example.com")));
            graph.load(10, List.of(anon("a-1")));
            graph.load(20, List.of(anon("a-2")));
            graph.separate(10, 20);

            Observation merge = graph.observe(List.of(anon("a-1"), email("anna@example.com")));
            Observation viaSurvivor = graph.observe(List.of(email("anna@example.com"), anon("a-2")));
            Observation viaSeparated = graph.observe(List.of(anon("a-2"), anon("a-1")));

            assertThat(merge.merges()).extracting(Merge::survivorId, Merge::mergedId)
                    .containsExactly(tuple(5L, 10L));
            assertThat(viaSurvivor.merges()).isEmpty();
            assertThat(viaSurvivor.refusals())
                    .containsExactly(new Refusal(5, 20, anon("a-2"), RefusalReason.SEPARATED));
            assertThat(viaSeparated.merges()).isEmpty();
            assertThat(viaSeparated.refusals())
                    .containsExactly(new Refusal(20, 5, anon("a-1"), RefusalReason.SEPARATED));
            assertThat(graph.profiles()).containsExactlyInAnyOrder(5L, 20L);
        }

        @Test
        void separationCarriesOverWhenASeparatedProfileSurvivesAMerge() {
            graph.load(10, List.of(anon("a-1")));
            graph.load(20, List.of(anon("a-2")));
            graph.load(30, List.of(email("anna@example.com")));
            graph.separate(10, 20);

            graph.observe(List.of(anon("a-1"), email("anna@example.com")));
            Observation link = graph.observe(List.of(email("anna@example.com"), anon("a-2")));

            assertThat(link.profileId()).isEqualTo(10);
            assertThat(link.refusals()).containsExactly(new Refusal(10, 20, anon("a-2"), RefusalReason.SEPARATED));
            assertThat(graph.profiles()).containsExactlyInAnyOrder(10L, 20L);
        }

        @Test
        void separationOnlyConcernsTheSeparatedPair() {
            graph.load(10, List.of(anon("a-1")));
            graph.load(20, List.of(anon("a-2")));
            graph.load(30, List.of(anon("a-3")));
            graph.separate(10, 20);

            Observation link = graph.observe(List.of(anon("a-1"), anon("a-3")));

            assertThat(link.refusals()).isEmpty();
            assertThat(link.merges()).extracting(Merge::survivorId, Merge::mergedId)
                    .containsExactly(tuple(10L, 30L));
        }
    }

    @Nested
    class Loading {

        @Test
        void loadedProfilesReceiveObservationsOfTheirIdentifiers() {
            graph.load(7, List.of(user("u-1"), anon("a-1")));

            Observation observation = graph.observe(List.of(anon("a-1"), email("anna@example.com")));

            assertThat(observation.profileId()).isEqualTo(7);
            assertThat(observation.created()).isFalse();
            assertThat(observation.attached()).containsExactly(email("anna@example.com"));
            assertThat(graph.identifiersOf(7))
                    .containsExactlyInAnyOrder(user("u-1"), anon("a-1"), email("anna@example.com"));
        }

        @Test
        void oneIdentifierLoadedForTwoProfilesIsRejected() {
            graph.load(1, List.of(email("anna@example.com")));

            assertThatIllegalStateException()
                    .isThrownBy(() -> graph.load(2, List.of(anon("a-2"), email("anna@example.com"))))
                    .withMessageContaining("email:anna@example.com");
        }

        @Test
        void loadingTheSameIdentifierTwiceForOneProfileIsAllowed() {
            graph.load(1, List.of(email("anna@example.com")));
            graph.load(1, List.of(email("anna@example.com"), anon("a-1")));

            assertThat(graph.identifiersOf(1)).containsExactlyInAnyOrder(email("anna@example.com"), anon("a-1"));
            assertThat(graph.owner(email("anna@example.com"))).contains(1L);
        }

        @Test
        void profileIdAlreadyInUseIsNotHandedOutAgain() {
            IdentityGraph reusing = new IdentityGraph(IdentityLimits.defaults(), () -> 7);
            reusing.load(7, List.of(anon("a-1")));

            assertThatIllegalStateException().isThrownBy(() -> reusing.observe(List.of(anon("a-2"))));
            assertThat(reusing.identifiersOf(7)).containsExactly(anon("a-1"));
        }
    }

    @Nested
    class Determinism {

        private List<List<Identifier>> script() {
            return List.of(
                    List.of(anon("a-1")),
                    List.of(anon("a-2"), email("anna@example.com")),
                    List.of(device("d-1"), crm("C-1")),
                    List.of(user("anna"), anon("a-1")),
                    List.of(anon("a-1"), email("anna@example.com"), phone("+4915123456789")),
                    List.of(user("bernd"), anon("a-2")),
                    List.of(crm("C-1"), anon("a-3"), email("anna@example.com")),
                    List.of(user("bernd"), device("d-1"), email("bernd@example.com")),
                    List.of(anon("a-4"), anon("a-5"), anon("a-6")),
                    List.of(anon("a-6"), email("bernd@example.com"), anon("a-1")));
        }

        private Map<Long, List<String>> state(IdentityGraph g) {
            Map<Long, List<String>> state = new TreeMap<>();
            for (long profile : g.profiles()) {
                state.put(profile, g.identifiersOf(profile).stream().map(Identifier::toString).sorted().toList());
            }
            return state;
        }

        @Test
        void sameObservationsInTheSameOrderGiveTheSameResult() {
            IdentityGraph first = newGraph(IdentityLimits.defaults());
            IdentityGraph second = newGraph(IdentityLimits.defaults());

            List<Observation> firstResults = script().stream().map(first::observe).toList();
            List<Observation> secondResults = script().stream().map(second::observe).toList();

            assertThat(secondResults).isEqualTo(firstResults);
            assertThat(state(second)).isEqualTo(state(first));
            assertThat(firstResults).anySatisfy(o -> assertThat(o.merges()).isNotEmpty());
            assertThat(firstResults).anySatisfy(o -> assertThat(o.refusals()).isNotEmpty());
        }

        @Test
        void sameObservationsGiveTheSameResultWhenReplayedOnLoadedState() {
            IdentityGraph first = newGraph(IdentityLimits.defaults());
            IdentityGraph second = newGraph(IdentityLimits.defaults());
            for (IdentityGraph g : List.of(first, second)) {
                g.load(1, List.of(user("anna"), email("anna@example.com")));
                g.load(2, List.of(anon("a-2"), anon("a-3")));
                g.load(3, List.of(device("d-1")));
                g.separate(2, 3);
            }

            List<Observation> firstResults = script().stream().map(first::observe).toList();
            List<Observation> secondResults = script().stream().map(second::observe).toList();

            assertThat(secondResults).isEqualTo(firstResults);
            assertThat(state(second)).isEqualTo(state(first));
        }
    }
}
