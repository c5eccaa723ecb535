package io.lotse.server.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The cleaning rules for single cells. */
class CleaningTest {

    @Nested
    class Ids {

        @Test
        void aNumberWrittenWithZeroDecimalsBecomesAWholeId() {
            assertThat(Cleaning.id("17850.0")).isEqualTo("17850");
            assertThat(Cleaning.id(" 17850.00 ")).isEqualTo("17850");
        }

        @Test
        void otherIdsAreOnlyTrimmed() {
            assertThat(Cleaning.id(" C536379 ")).isEqualTo("C536379");
            assertThat(Cleaning.id("85123A")).isEqualTo("85123A");
            assertThat(Cleaning.id("17850.5")).isEqualTo("17850.5");
        }

        @Test
        void blankIdsAreAbsent() {
            assertThat(Cleaning.id("  ")).isNull();
            assertThat(Cleaning.id(null)).isNull();
        }
    }

    @Nested
    class Names {

        @Test
        void namesAreTrimmedAndInnerWhiteSpaceCollapsed() {
            assertThat(Cleaning.text("  Ada  ")).isEqualTo("Ada");
            assertThat(Cleaning.text("Ada \t Lovelace")).isEqualTo("Ada Lovelace");
            assertThat(Cleaning.text("SET OF 3 COLOURED  FLYING DUCKS ")).isEqualTo("SET OF 3 COLOURED FLYING DUCKS");
            assertThat(Cleaning.text("")).isNull();
        }
    }

    @Nested
    class Amounts {

        @ParameterizedTest(name = "{0} is {1}")
        @CsvSource(delimiter = '|', value = {
                "2.55|2.55", "1,234.56|1234.56", "1.234,56|1234.56", "12,5|12.5", "-3|-3", "1 234,56|1234.56",
                "1'234.50|1234.50", "(3.50)|-3.50", "1.234.567|1234567", "1,234,567.8|1234567.8", "0,99|0.99",
                "3-|-3", "+4.5|4.5", "1.5E-3|0.0015", ".5|0.5"})
        void germanAndEnglishDecimalAndThousandsSeparatorsAreUnderstood(String raw, String expected) {
            assertThat(Cleaning.money(raw, false)).get()
                    .satisfies(m -> assertThat(m.amount()).isEqualByComparingTo(new BigDecimal(expected)));
        }

        @Test
        void aSingleSeparatorBeforeThreeDigitsFollowsTheFilesConvention() {
            assertThat(Cleaning.money("1,234", false).orElseThrow().amount()).isEqualByComparingTo("1234");
            assertThat(Cleaning.money("1,234", true).orElseThrow().amount()).isEqualByComparingTo("1.234");
            assertThat(Cleaning.money("1.234", true).orElseThrow().amount()).isEqualByComparingTo("1234");
            assertThat(Cleaning.money("1.234", false).orElseThrow().amount()).isEqualByComparingTo("1.234");
        }

        @ParameterizedTest(name = "{0} is {1} {2}")
        @CsvSource(delimiter = '|', value = {
                "€ 1.234,56|1234.56|EUR", "1.234,56 €|1234.56|EUR", "£2.55|2.55|GBP", "$1,234.56|1234.56|USD",
                "EUR 12,50|12.50|EUR", "12.50 CHF|12.50|CHF", "-€3,50|-3.50|EUR", "US$ 5|5|USD"})
        void currencySymbolsAndCodesAreStrippedIntoTheCurrency(String raw, String amount, String currency) {
            Cleaning.Money money = Cleaning.money(raw, false).orElseThrow();
            assertThat(money.amount()).isEqualByComparingTo(amount);
            assertThat(money.currency()).isEqualTo(currency);
        }

        @ParameterizedTest
        @ValueSource(strings = {"abc", "1,2,3.4.5", "12..5", "1.23.4", "--", "€", "12 apples", "1,2345,678"})
        void textIsNoAmount(String raw) {
            assertThat(Cleaning.money(raw, false)).isEmpty();
        }

        @Test
        void quantitiesMustBeWhole() {
            assertThat(Cleaning.quantity("6", false)).contains(6L);
            assertThat(Cleaning.quantity("-12", false)).contains(-12L);
            assertThat(Cleaning.quantity("6.0", false)).contains(6L);
            assertThat(Cleaning.quantity("1.000", true)).contains(1000L);
            assertThat(Cleaning.quantity("2.5", false)).isEmpty();
            assertThat(Cleaning.quantity("", false)).isEmpty();
            assertThat(Cleaning.quantity("€3", false)).isEmpty();
        }
    }

    @Nested
    class Dates {

        private final ZoneId utc = ZoneOffset.UTC;

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "31.12.2024|2024-12-31T00:00:00Z", "2024-12-31|2024-12-31T00:00:00Z", "12/31/2024|2024-12-31T00:00:00Z",
                "12/1/2010 8:26|2010-12-01T08:26:00Z", "2010-12-01 08:26:00|2010-12-01T08:26:00Z",
                "31.12.2024 14:30|2024-12-31T14:30:00Z", "31.12.24|2024-12-31T00:00:00Z",
                "2024-12-31T14:30:00Z|2024-12-31T14:30:00Z", "2024-12-31T14:30:00+01:00|2024-12-31T13:30:00Z",
                "2024-12-31T14:30:00.250Z|2024-12-31T14:30:00.250Z", "31/12/2024|2024-12-31T00:00:00Z",
                "1/2/2024 3:05 PM|2024-01-02T15:05:00Z", "1.2.2024, 09:15 Uhr|2024-02-01T09:15:00Z"})
        void germanIsoAndUsDatesAreRead(String raw, String expected) {
            assertThat(Cleaning.instant(raw, utc)).contains(Instant.parse(expected));
        }

        @Test
        void datesWithoutOffsetAreInTheGivenZone() {
            assertThat(Cleaning.instant("31.12.2024 14:30", ZoneId.of("Europe/Berlin")))
                    .contains(Instant.parse("2024-12-31T13:30:00Z"));
        }

        @Test
        void twoDigitYearsAreBetween1970And2069() {
            assertThat(Cleaning.date("01.02.85")).contains(LocalDate.of(1985, 2, 1));
            assertThat(Cleaning.date("01.02.05")).contains(LocalDate.of(2005, 2, 1));
        }

        @ParameterizedTest
        @ValueSource(strings = {"31.02.2024", "2024-13-01", "yesterday", "12/31", "32.1.2024", "13/13/2024", "20241231"})
        void impossibleOrUnknownDatesAreNoDates(String raw) {
            assertThat(Cleaning.instant(raw, utc)).isEmpty();
        }
    }

    @Nested
    class Flags {

        @ParameterizedTest
        @ValueSource(strings = {"yes", "Ja", "TRUE", "1", "x", "opt-in", "granted"})
        void yesInGermanOrEnglishIsGranted(String raw) {
            assertThat(Cleaning.flag(raw)).contains(true);
        }

        @ParameterizedTest
        @ValueSource(strings = {"no", "Nein", "false", "0", "opt-out"})
        void noInGermanOrEnglishIsDenied(String raw) {
            assertThat(Cleaning.flag(raw)).contains(false);
        }

        @Test
        void anythingElseIsNoChoice() {
            assertThat(Cleaning.flag("maybe")).isEmpty();
            assertThat(Cleaning.flag("")).isEmpty();
        }
    }

    @Test
    void controlCharactersAreFound() {
        assertThat(Cleaning.hasControlCharacters("a\u0000b")).isTrue();
        assertThat(Cleaning.hasControlCharacters("multi\nline\ttext")).isFalse();
    }
}
