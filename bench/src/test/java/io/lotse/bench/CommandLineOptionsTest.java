package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandLineOptionsTest {

    private static final Set<String> NAMES = Set.of("--file", "--count", "--seed", "--rate", "--day", "--columns",
            "--separator");

    @Test
    void readsBothSpellingsAndFallsBackToDefaults() {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, "--file", " orders.csv ", "--count=7",
                "--columns", "a, b,,c");

        assertThat(options.required("--file")).isEqualTo("orders.csv");
        assertThat(options.integer("--count", 1, 1, 10)).isEqualTo(7);
        assertThat(options.longInteger("--seed", 42)).isEqualTo(42);
        assertThat(options.decimal("--rate", 0.5)).isEqualTo(0.5);
        assertThat(options.list("--columns")).containsExactly("a", "b", "c");
        assertThat(options.text("--separator", ",")).isEqualTo(",");
        assertThat(options.given()).containsExactly("--file", "--count", "--columns");
        assertThat(options.has("--seed")).isFalse();
    }

    @Test
    void keepsAValueVerbatimWhenAsked() {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, "--separator", "\t");

        assertThat(options.verbatim("--separator")).isEqualTo("\t");
        assertThat(options.optional("--separator")).isNull();
        assertThat(options.has("--separator")).isTrue();
    }

    @Test
    void readsSwitchesWithoutAValue() {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, Set.of("--dry-run"), "--dry-run", "--count",
                "3");

        assertThat(options.has("--dry-run")).isTrue();
        assertThat(options.integer("--count", 1)).isEqualTo(3);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLineOptions.parse(NAMES, Set.of("--dry-run"), "--dry-run=yes"))
                .withMessage("option --dry-run takes no value");
    }

    @Test
    void refusesUnknownOptionsAndStrayArguments() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(NAMES, "--speed", "1"))
                .withMessage("unknown option --speed");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(NAMES, "--speed=1"))
                .withMessage("unknown option --speed");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(NAMES, "-x"))
                .withMessage("unknown option -x");
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(NAMES, "orders.csv"))
                .withMessage("unexpected argument 'orders.csv'");
    }

    @Test
    void refusesAMissingValueAndAnOptionGivenTwice() {
        assertThatIllegalArgumentException().isThrownBy(() -> CommandLineOptions.parse(NAMES, "--file"))
                .withMessage("option --file needs a value");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandLineOptions.parse(NAMES, "--count", "1", "--count=2"))
                .withMessage("option --count is given twice");
        CommandLineOptions blank = CommandLineOptions.parse(NAMES, "--file", " ");
        assertThatIllegalArgumentException().isThrownBy(() -> blank.required("--file"))
                .withMessage("option --file is required");
    }

    @Test
    void refusesBadNumbersAndDatesNamingTheOption() {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, "--count", "many", "--seed", "1.5", "--rate",
                "fast", "--day", "31.12.2026");

        assertThatIllegalArgumentException().isThrownBy(() -> options.integer("--count", 1, 1, 10))
                .withMessage("option --count must be a whole number, was many");
        assertThatIllegalArgumentException().isThrownBy(() -> options.longInteger("--seed", 42))
                .withMessage("option --seed must be a whole number, was 1.5");
        assertThatIllegalArgumentException().isThrownBy(() -> options.decimal("--rate", 1))
                .withMessage("option --rate must be a number, was fast");
        assertThatIllegalArgumentException().isThrownBy(() -> options.date("--day"))
                .withMessage("option --day must be a date YYYY-MM-DD, was 31.12.2026");
        assertThat(CommandLineOptions.parse(NAMES, "--day", "2026-12-31").date("--day"))
                .isEqualTo(LocalDate.of(2026, 12, 31));
    }

    @Test
    void refusesNumbersOutOfBounds() {
        CommandLineOptions options = CommandLineOptions.parse(NAMES, "--count", "0");

        assertThatIllegalArgumentException().isThrownBy(() -> options.integer("--count", 1, 1, 10))
                .withMessage("option --count must be between 1 and 10, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> options.integer("--count", 1, 1, Integer.MAX_VALUE))
                .withMessage("option --count must be at least 1, was 0");
    }

    @Test
    void findsAHelpRequestAnywhere() {
        assertThat(CommandLineOptions.wantsHelp("--file", "x", "-h")).isTrue();
        assertThat(CommandLineOptions.wantsHelp("--help")).isTrue();
        assertThat(CommandLineOptions.wantsHelp("--file", "help")).isFalse();
    }
}
