package io.lotse.server.web;

import java.time.Instant;
import java.util.List;

/**
 * The live figures on the home page.
 *
 * @param profiles       live profiles, merged ones not counted
 * @param events         events in the log
 * @param eventsLastHour events received in the last 60 minutes
 * @param profileLag     events in the log not yet folded into profiles
 * @param lastDay        events received per hour over the last 24 hours, oldest first
 */
record Dashboard(long profiles, long events, long eventsLastHour, long profileLag, List<HourlyEvents> lastDay) {

    /**
     * @param hour   start of the hour
     * @param events events received in it
     */
    record HourlyEvents(Instant hour, long events) {}
}
