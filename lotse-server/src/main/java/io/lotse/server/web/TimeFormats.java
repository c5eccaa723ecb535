package io.lotse.server.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Times as the reader expects them: in the server's time zone, formatted for the UI language. Templates call it
 * as {@code @timeFormats}.
 */
@Component("timeFormats")
class TimeFormats {

    private final ZoneId zone = ZoneId.systemDefault();

    /** Date and time, e.g. {@code 14 Mar 2026, 09:41:07} or {@code 14.03.2026, 09:41:07}. */
    public String dateTime(Instant instant) {
        return format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM), instant);
    }

    /** Hour and minute, e.g. {@code 09:00}. */
    public String time(Instant instant) {
        return format(DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT), instant);
    }

    private String format(DateTimeFormatter style, Instant instant) {
        return style.withLocale(LocaleContextHolder.getLocale()).withZone(zone).format(instant);
    }
}
