package io.lotse.server.importer;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The cleaning rules for single values of real exports: ids, names, amounts, dates and yes/no flags. Pure
 * functions; emails and phones are cleaned by {@link Cleaner}, which knows the configured normaliser.
 */
final class Cleaning {

    /** The longest cell accepted, Excel's own limit. */
    static final int MAX_CELL_LENGTH = 32_767;

    private Cleaning() {}

    // ---- ids and names ----

    private static final Pattern WHOLE_WITH_ZEROS = Pattern.compile("^(-?\\d+)\\.0+$");

    /** An id as text: trimmed, and a number written as {@code 17850.0} becomes {@code 17850}; null when blank. */
    static @Nullable String id(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        Matcher whole = WHOLE_WITH_ZEROS.matcher(value);
        return whole.matches() ? whole.group(1) : value;
    }

    /** A name or other text: trimmed, runs of white space made one space; null when blank. */
    static @Nullable String text(@Nullable String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip();
        if (value.isEmpty()) {
            return null;
        }
        boolean plain = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isWhitespace(c)
                    && (c != ' ' || i + 1 < value.length() && Character.isWhitespace(value.charAt(i + 1)))) {
                plain = false;
                break;
            }
        }
        return plain ? value : value.replaceAll("\\s+", " ");
    }

    // ---- amounts ----

    /**
     * An amount with the currency written next to it, if any.
     *
     * @param amount   the value
     * @param currency the ISO 4217 code of a currency symbol or code found in the cell, else null
     */
    record Money(BigDecimal amount, @Nullable String currency) {}

    private static final Map<String, String> SYMBOLS = Map.of("€", "EUR", "$", "USD", "£", "GBP", "¥", "JPY",
            "US$", "USD", "Fr.", "CHF", "zł", "PLN", "kr", "SEK", "₹", "INR");
    private static final Pattern CODE_BEFORE = Pattern.compile("^([A-Za-z]{3})(?=[\\s\\d(+\\-−.,])\\s*");
    private static final Pattern CODE_AFTER = Pattern.compile("(?<=[\\d\\s.,)\\-])\\s*([A-Za-z]{3})$");
    private static final Pattern SCIENTIFIC = Pattern.compile("^\\d+(\\.\\d+)?[eE][+-]?\\d+$");

    /**
     * Parses an amount written in German or English style: {@code 1.234,56}, {@code 1,234.56}, {@code 1 234,56},
     * {@code 12,5}, {@code -3}, {@code (3.50)}, with a currency symbol or code before or after it.
     *
     * <p>A single separator followed by exactly three digits is ambiguous ({@code 1.234}, {@code 1,234}); it is
     * read as the file's decimal separator if {@code decimalComma} says which one that is, else as the thousands
     * separator: in a comma-separated file {@code 1,234} is 1234, in a semicolon-separated one 1.234.
     *
     * @param decimalComma whether the file writes decimals with a comma (German exports, separated by semicolons)
     * @return the amount, or empty when the cell is blank or not a number
     */
    static Optional<Money> money(@Nullable String raw, boolean decimalComma) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        String currency = null;
        for (Map.Entry<String, String> symbol : SYMBOLS.entrySet()) {
            if (s.startsWith(symbol.getKey()) || s.endsWith(symbol.getKey())) {
                if (symbol.getKey().equals("$") && (s.startsWith("US$") || s.endsWith("US$"))) {
                    continue;
                }
                currency = symbol.getValue();
                s = s.startsWith(symbol.getKey()) ? s.substring(symbol.getKey().length())
                        : s.substring(0, s.length() - symbol.getKey().length());
                s = s.strip();
                break;
            }
        }
        if (currency == null) {
            Matcher before = CODE_BEFORE.matcher(s);
            Matcher after = CODE_AFTER.matcher(s);
            if (before.find()) {
                currency = before.group(1).toUpperCase(Locale.ROOT);
                s = s.substring(before.end()).strip();
            } else if (after.find()) {
                currency = after.group(1).toUpperCase(Locale.ROOT);
                s = s.substring(0, after.start()).strip();
            }
        }
        boolean negative = false;
        if (s.startsWith("(") && s.endsWith(")")) {
            negative = true;
            s = s.substring(1, s.length() - 1).strip();
        }
        if (s.startsWith("-") || s.startsWith("−")) {
            negative = !negative;
            s = s.substring(1).strip();
        } else if (s.startsWith("+")) {
            s = s.substring(1).strip();
        } else if (s.endsWith("-")) {
            negative = !negative;
            s = s.substring(0, s.length() - 1).strip();
        }
        // Currency symbols may sit between the sign and the number: -€3,50.
        if (currency == null) {
            for (Map.Entry<String, String> symbol : SYMBOLS.entrySet()) {
                if (s.startsWith(symbol.getKey())) {
                    currency = symbol.getValue();
                    s = s.substring(symbol.getKey().length()).strip();
                    break;
                }
            }
        }
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // Thousands written with spaces or apostrophes: 1 234,56 or 1'234.56.
            if (c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\'' || c == '’') {
                continue;
            }
            digits.append(c);
        }
        String number = digits.toString();
        if (number.isEmpty()) {
            return Optional.empty();
        }
        BigDecimal amount = SCIENTIFIC.matcher(number).matches() ? parseScientific(number)
                : parseSeparated(number, decimalComma);
        if (amount == null) {
            return Optional.empty();
        }
        return Optional.of(new Money(negative ? amount.negate() : amount, currency));
    }

    private static @Nullable BigDecimal parseScientific(String number) {
        try {
            return new BigDecimal(number);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static @Nullable BigDecimal parseSeparated(String number, boolean decimalComma) {
        int dots = 0;
        int commas = 0;
        for (int i = 0; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c == ',') {
                commas++;
            } else if (c < '0' || c > '9') {
                return null;
            }
        }
        if (number.length() > 40 || number.charAt(0) == '.' && number.length() == 1) {
            return null;
        }
        char decimal;
        if (dots > 0 && commas > 0) {
            decimal = number.lastIndexOf('.') > number.lastIndexOf(',') ? '.' : ',';
        } else if (dots + commas == 0) {
            decimal = 0;
        } else {
            char separator = dots > 0 ? '.' : ',';
            int count = Math.max(dots, commas);
            int digitsAfter = number.length() - number.lastIndexOf(separator) - 1;
            if (count > 1) {
                decimal = 0; // 1.234.567 or 1,234,567
            } else if (digitsAfter == 3 && number.lastIndexOf(separator) > 0) {
                decimal = (separator == ',') == decimalComma ? separator : 0;
            } else {
                decimal = separator;
            }
        }
        char thousands = decimal == '.' ? ',' : decimal == ',' ? '.' : (dots > 0 ? '.' : ',');
        int decimalAt = decimal == 0 ? -1 : number.lastIndexOf(decimal);
        if (decimal != 0 && number.indexOf(decimal) != decimalAt) {
            return null; // two decimal separators: 1,2,3 with a dot elsewhere
        }
        String integral = decimalAt < 0 ? number : number.substring(0, decimalAt);
        String fraction = decimalAt < 0 ? "" : number.substring(decimalAt + 1);
        if (fraction.indexOf('.') >= 0 || fraction.indexOf(',') >= 0) {
            return null;
        }
        if (integral.indexOf(thousands) >= 0 && !validGroups(integral, thousands)) {
            return null;
        }
        String plain = integral.replace(String.valueOf(thousands), "");
        if (plain.isEmpty() && fraction.isEmpty()) {
            return null;
        }
        try {
            return new BigDecimal((plain.isEmpty() ? "0" : plain) + (fraction.isEmpty() ? "" : "." + fraction));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whether thousands separators split the integral part into a head of 1 to 3 digits and groups of 3. */
    private static boolean validGroups(String integral, char thousands) {
        String[] groups = integral.split(Pattern.quote(String.valueOf(thousands)), -1);
        if (groups[0].isEmpty() || groups[0].length() > 3) {
            return false;
        }
        for (int i = 1; i < groups.length; i++) {
            if (groups[i].length() != 3) {
                return false;
            }
        }
        return true;
    }

    /** A whole quantity such as {@code 6}, {@code -12}, {@code 6.0} or {@code 1.000}; empty when not whole. */
    static Optional<Long> quantity(@Nullable String raw, boolean decimalComma) {
        return money(raw, decimalComma).filter(m -> m.currency() == null).flatMap(m -> {
            try {
                return Optional.of(m.amount().stripTrailingZeros().longValueExact());
            } catch (ArithmeticException e) {
                return Optional.empty();
            }
        });
    }

    // ---- dates ----

    private static final Pattern ISO = Pattern.compile(
            "^(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?"
                    + "\\s*(Z|UTC|[+-]\\d{2}(?::?\\d{2})?)?$");
    private static final Pattern GERMAN = Pattern.compile(
            "^(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4}|\\d{2})(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\s*Uhr)?)?$");
    private static final Pattern SLASHED = Pattern.compile(
            "^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?:,?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AaPp][Mm])?)?$");

    /**
     * A point in time from a date or date-time in German ({@code 31.12.2024 14:30}), ISO ({@code 2024-12-31},
     * {@code 2024-12-31T14:30:00Z}) or US style ({@code 12/31/2024}, {@code 12/1/2010 8:26}, {@code 3:05 PM}).
     * Slashed dates are month first unless the first number is above 12 ({@code 31/12/2024}). Times without an
     * offset are in {@code zone}; two-digit years are 1970 to 2069.
     */
    static Optional<Instant> instant(@Nullable String raw, ZoneId zone) {
        return parse(raw).map(parsed -> parsed.offset() != null ? parsed.time().toInstant(parsed.offset())
                : parsed.time().atZone(zone).toInstant());
    }

    /** A calendar date in the formats of {@link #instant}; a time of day is ignored. */
    static Optional<LocalDate> date(@Nullable String raw) {
        return parse(raw).map(parsed -> parsed.time().toLocalDate());
    }

    private record Parsed(LocalDateTime time, @Nullable ZoneOffset offset) {}

    private static Optional<Parsed> parse(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > 40) {
            return Optional.empty();
        }
        try {
            Matcher m = ISO.matcher(s);
            if (m.matches()) {
                return Optional.of(new Parsed(at(num(m, 1), num(m, 2), num(m, 3), m, 4), offset(m.group(8))));
            }
            m = GERMAN.matcher(s);
            if (m.matches()) {
                return Optional.of(new Parsed(at(year(m.group(3)), num(m, 2), num(m, 1), m, 4), null));
            }
            m = SLASHED.matcher(s);
            if (m.matches()) {
                int first = num(m, 1);
                int second = num(m, 2);
                boolean dayFirst = first > 12;
                LocalDateTime time = at(year(m.group(3)), dayFirst ? second : first, dayFirst ? first : second, m, 4);
                String meridiem = m.group(7);
                if (meridiem != null) {
                    int hour = time.getHour();
                    if (hour < 1 || hour > 12) {
                        return Optional.empty();
                    }
                    boolean pm = meridiem.equalsIgnoreCase("pm");
                    time = time.withHour(hour % 12 + (pm ? 12 : 0));
                }
                return Optional.of(new Parsed(time, null));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static LocalDateTime at(int year, int month, int day, Matcher m, int timeGroup) {
        LocalDate date = LocalDate.of(year, month, day);
        if (m.group(timeGroup) == null) {
            return date.atStartOfDay();
        }
        int seconds = m.group(timeGroup + 2) == null ? 0 : num(m, timeGroup + 2);
        int nanos = 0;
        if (m.groupCount() >= timeGroup + 3 && m.pattern() == ISO && m.group(timeGroup + 3) != null) {
            String fraction = (m.group(timeGroup + 3) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(fraction);
        }
        return date.atTime(num(m, timeGroup), num(m, timeGroup + 1), seconds, nanos);
    }

    private static @Nullable ZoneOffset offset(@Nullable String zone) {
        if (zone == null) {
            return null;
        }
        if (zone.equals("Z") || zone.equals("UTC")) {
            return ZoneOffset.UTC;
        }
        String normalised = zone.length() == 3 ? zone + ":00"
                : zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone;
        return ZoneOffset.of(normalised);
    }

    private static int year(String digits) {
        int year = Integer.parseInt(digits);
        return digits.length() == 2 ? (year < 70 ? 2000 + year : 1900 + year) : year;
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    // ---- flags ----

    private static final java.util.Set<String> YES = java.util.Set.of("yes", "y", "ja", "j", "true", "wahr", "1",
            "x", "✓", "✔", "granted", "opt-in", "optin", "opted in", "subscribed", "angemeldet", "abonniert", "on",
            "einverstanden", "zugestimmt");
    private static final java.util.Set<String> NO = java.util.Set.of("no", "n", "nein", "false", "falsch", "0",
            "denied", "opt-out", "optout", "opted out", "unsubscribed", "abgemeldet", "off", "-", "abgelehnt");

    /** A yes/no cell in German or English; empty when blank or neither. */
    static Optional<Boolean> flag(@Nullable String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        if (YES.contains(value)) {
            return Optional.of(true);
        }
        if (NO.contains(value)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    /** Whether a cell holds characters PostgreSQL cannot store in text or JSON (NUL) or other C0 controls. */
    static boolean hasControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }
}
