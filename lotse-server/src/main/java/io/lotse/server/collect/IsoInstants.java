package io.lotse.server.collect;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses the ISO-8601 timestamps of tracking calls.
 *
 * <p>Every event carries up to three of them, so the common form that all Segment libraries send,
 * {@code 2026-11-23T09:00:00.123Z} or with an offset {@code +01:00}, is read by hand; anything else goes through
 * {@link DateTimeFormatter}: ISO with offset, without offset (taken as UTC), or a plain date (midnight UTC).
 */
final class IsoInstants {

    private IsoInstants() {}

    /** @throws DateTimeParseException when the text is no ISO-8601 date or date-time */
    static Instant parse(String text) {
        Instant fast = parseCommonForm(text);
        return fast != null ? fast : parseGeneral(text.trim());
    }

    private static Instant parseGeneral(String value) {
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            if (value.length() <= 10) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:mm|±HHmm)}, or {@code null} for any other form. */
    private static Instant parseCommonForm(String s) {
        int length = s.length();
        if (length < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int position = 19;
        int nanos = 0;
        if (s.charAt(position) == '.') {
            int start = ++position;
            while (position < length && Character.isDigit(s.charAt(position))) {
                position++;
            }
            int count = position - start;
            if (count < 1 || count > 9) {
                return null;
            }
            nanos = digits(s, start, count);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (position >= length) {
            return null;
        }
        int offsetSeconds;
        char zone = s.charAt(position);
        if ((zone == 'Z' || zone == 'z') && position + 1 == length) {
            offsetSeconds = 0;
        } else if ((zone == '+' || zone == '-') && (length - position == 6 || length - position == 5)) {
            int offsetHours = digits(s, position + 1, 2);
            int minuteStart = length - position == 6 ? position + 4 : position + 3;
            if (length - position == 6 && s.charAt(position + 3) != ':') {
                return null;
            }
            int offsetMinutes = digits(s, minuteStart, 2);
            if ((offsetHours | offsetMinutes) < 0 || offsetHours > 18 || offsetMinutes > 59) {
                return null;
            }
            offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * (zone == '-' ? -1 : 1);
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
                    .toInstant(ZoneOffset.ofTotalSeconds(offsetSeconds));
        } catch (DateTimeException invalidField) {
            throw new DateTimeParseException("invalid date-time: " + invalidField.getMessage(), s, 0);
        }
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 if any is not a digit. */
    private static int digits(String s, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
