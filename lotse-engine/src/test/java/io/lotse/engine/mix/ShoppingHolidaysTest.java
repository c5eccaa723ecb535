package io.lotse.engine.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The retail calendar's dates and the share of each week in its event windows. */
class ShoppingHolidaysTest {

    @Test
    void knowsEasterAndBlackFriday() {
        assertThat(ShoppingHolidays.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
        assertThat(ShoppingHolidays.easterSunday(2025)).isEqualTo(LocalDate.of(2025, 4, 20));
        assertThat(ShoppingHolidays.easterSunday(2026)).isEqualTo(LocalDate.of(2026, 4, 5));
        assertThat(ShoppingHolidays.blackFriday(2025)).isEqualTo(LocalDate.of(2025, 11, 28));
        assertThat(ShoppingHolidays.blackFriday(2026)).isEqualTo(LocalDate.of(2026, 11, 27));
    }

    @Test
    void givesEachWeekItsShareOfEventDays() {
        // The week of Monday 24 November 2025 holds Black Friday (28th) and four days before it.
        List<LocalDate> weeks = List.of(LocalDate.of(2025, 11, 24), LocalDate.of(2025, 12, 22),
                LocalDate.of(2025, 7, 7));
        double[][] controls = ShoppingHolidays.controls(weeks, 7);
        assertThat(controls[0][0]).isCloseTo(1.0, within(1e-12));
        assertThat(controls[1][1]).isCloseTo(2.0 / 7, within(1e-12));
        assertThat(controls[2][1]).isCloseTo(3.0 / 7, within(1e-12));
        for (double[] control : controls) {
            assertThat(control[2]).isZero();
        }
    }
}
