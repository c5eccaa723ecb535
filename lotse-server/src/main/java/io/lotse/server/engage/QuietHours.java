package io.lotse.server.engage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Hours of the day in which journeys send nothing, e.g. {@code 22-7} (from 22:00 to 7:00 in the configured zone);
 * a message due then waits for the end of the quiet hours. {@code none} switches them off.
 */
record QuietHours(int fromHour, int toHour, ZoneId zone) {

    QuietHours {
        if (fromHour < 0 || fromHour > 23 || toHour < 0 || toHour > 23) {
            throw new IllegalArgumentException("quiet hours are whole hours 0 to 23");
        }
    }

    /** Parses {@code 22-7}; {@code none} or an empty text gives quiet hours that never apply. */
    static QuietHours parse(String text, String zone) {
        String value = text.strip();
        if (value.isEmpty() || value.equalsIgnoreCase("none")) {
            return new QuietHours(0, 0, ZoneId.of(zone));
        }
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("lotse.engage.quiet-hours must look like 22-7 or be none, was '" + text + "'");
        }
        return new QuietHours(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()), ZoneId.of(zone));
    }

    /** When the quiet hours around this moment end, or null when it is not within them. */
    @Nullable Instant endIfQuiet(Instant moment) {
        if (fromHour == toHour) {
            return null;
        }
        ZonedDateTime local = moment.atZone(zone);
        int hour = local.getHour();
        boolean quiet = fromHour < toHour ? hour >= fromHour && hour < toHour : hour >= fromHour || hour < toHour;
        if (!quiet) {
            return null;
        }
        ZonedDateTime end = local.withHour(toHour).withMinute(0).withSecond(0).withNano(0);
        if (!end.isAfter(local)) {
            end = end.plusDays(1);
        }
        return end.toInstant();
    }
}
