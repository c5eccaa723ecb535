package io.lotse.bench;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code --name value} and {@code --name=value} options of a command, checked against the names it knows; the one
 * reader of every evaluation's and benchmark driver's command line. Switches (options without a value) are given
 * by name alone. A blank value counts as absent, and values are read without surrounding white space (except by
 * {@link #verbatim}).
 *
 * <p>{@link #parse} throws {@link IllegalArgumentException} for an unknown option, an argument that is no option,
 * an option without its value and an option given twice; every accessor throws it naming the option when a value
 * is missing or invalid.
 */
final class CommandLineOptions {

    private final Map<String, String> values;

    private CommandLineOptions(Map<String, String> values) {
        this.values = values;
    }

    /** Whether the arguments ask for help ({@code -h} or {@code --help} anywhere). */
    static boolean wantsHelp(String... args) {
        return Arrays.stream(args).anyMatch(arg -> arg.equals("-h") || arg.equals("--help"));
    }

    /**
     * What a command's {@code main} reads with {@code reader}; when an option is bad, prints the message and the
     * usage to standard error and ends the process with exit code 2.
     */
    static <T> T readOrExit(String usage, Supplier<T> reader) {
        try {
            return reader.get();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(usage);
            System.exit(2);
            throw e;
        }
    }

    /** Reads options that all take a value. */
    static CommandLineOptions parse(Set<String> names, String... args) {
        return parse(names, Set.of(), args);
    }

    /**
     * Reads options that take a value ({@code names}) and switches that take none ({@code switches}); a switch
     * given reads as the value {@code true}.
     */
    static CommandLineOptions parse(Set<String> names, Set<String> switches, String... args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
                if (switches.contains(name)) {
                    throw new IllegalArgumentException("option " + name + " takes no value");
                }
            } else if (switches.contains(arg)) {
                name = arg;
                value = "true";
            } else {
                name = arg;
                if (!names.contains(name)) {
                    throw new IllegalArgumentException(arg.startsWith("-") ? "unknown option " + arg
                            : "unexpected argument '" + arg + "'");
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (!names.contains(name) && !switches.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("option " + name + " is given twice");
            }
        }
        return new CommandLineOptions(values);
    }

    /** The options given, in the order of the command line. */
    Set<String> given() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** Whether the option was given, even with a blank value. */
    boolean has(String name) {
        return values.containsKey(name);
    }

    /** The value exactly as given, white space included, or null when the option is absent. */
    @Nullable String verbatim(String name) {
        return values.get(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("option " + name + " is required");
        }
        return value.strip();
    }

    @Nullable String optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String text(String name, String defaultValue) {
        String value = optional(name);
        return value == null ? defaultValue : value;
    }

    /** The comma-separated items of the value, stripped, empty ones left out; none when the option is absent. */
    List<String> list(String name) {
        String value = optional(name);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /** A whole number of any size that fits an int. */
    int integer(String name, int defaultValue) {
        return integer(name, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number within the bounds (inclusive); without an upper bound, pass {@link Integer#MAX_VALUE}. */
    int integer(String name, int defaultValue, int minimum, int maximum) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, was " + value, e);
        }
        if (number < minimum || number > maximum) {
            throw new IllegalArgumentException("option " + name + (maximum == Integer.MAX_VALUE
                    ? " must be at least " + minimum : " must be between " + minimum + " and " + maximum)
                    + ", was " + value);
        }
        return number;
    }

    long longInteger(String name, long defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a whole number, was " + value, e);
        }
    }

    /** A decimal number, e.g. {@code 0.5} or {@code 2e-5}. */
    double decimal(String name, double defaultValue) {
        String value = optional(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option " + name + " must be a number, was " + value, e);
        }
    }

    /** A required date {@code YYYY-MM-DD}. */
    LocalDate date(String name) {
        String value = required(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("option " + name + " must be a date YYYY-MM-DD, was " + value, e);
        }
    }
}
