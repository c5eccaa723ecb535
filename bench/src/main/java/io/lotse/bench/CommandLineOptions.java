package io.lotse.bench;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code --name value} and {@code --name=value} options of a command, checked against the names it knows.
 * Every accessor throws {@link IllegalArgumentException} naming the option when a value is missing or invalid.
 */
final class CommandLineOptions {

    private final Map<String, String> values;

    private CommandLineOptions(Map<String, String> values) {
        this.values = values;
    }

    static CommandLineOptions parse(Set<String> names, String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else {
                name = arg;
                if (!names.contains(name)) {
                    throw new IllegalArgumentException(arg.startsWith("--") ? "unknown option " + name
                            : "unexpected argument " + arg);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("option " + name + " needs a value");
                }
                value = args[++i];
            }
            if (!names.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name);
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("option " + name + " is given twice");
            }
        }
        return new CommandLineOptions(values);
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
            throw new IllegalArgumentException("option " + name + " must be between " + minimum + " and " + maximum
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

    LocalDate date(String name) {
        String value = required(name);
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("option " + name + " must be a date YYYY-MM-DD, was " + value, e);
        }
    }
}
