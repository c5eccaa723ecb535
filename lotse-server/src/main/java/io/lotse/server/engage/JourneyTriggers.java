package io.lotse.server.engage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets people into journeys when their trigger fires: an event in the log (read through {@link EngageLog}, so every
 * event is looked at once), a form submission (its {@code Form Submitted} event), a date in the person's traits (birthday, first-order anniversary),
 * or entering or leaving a segment. Each cause has a key (the event's log position, the date, the submission), so
 * the same cause lets a person in once; a person already in the journey is not let in again until they are through.
 * Events also wake runs that wait for them.
 */
@Component
class JourneyTriggers implements EngageLog.LoggedEventHandler {

    private final JourneyStore store;
    private final JourneyRunner runner;
    private final JdbcClient jdbc;
    private final EngageProperties properties;
    private final JsonMapper json;

    JourneyTriggers(JourneyStore store, JourneyRunner runner, JdbcClient jdbc, EngageProperties properties,
                    JsonMapper json) {
        this.store = store;
        this.runner = runner;
        this.jdbc = jdbc;
        this.properties = properties;
        this.json = json;
    }

    /**
     * The events that let people into active journeys, the events any journey's wait-until step waits for (so that
     * a run starting to wait in this round is woken too), and form submissions.
     */
    @Override
    public Set<String> trackedEvents() {
        List<Journey> journeys = store.list();
        Set<String> names = new HashSet<>(awaitedEvents(journeys));
        names.add(Forms.SUBMITTED_EVENT);
        for (Journey journey : journeys) {
            if (journey.status().equals("active") && journey.definition().trigger().kind().equals("event")) {
                names.add(journey.definition().trigger().value());
            }
        }
        return names;
    }

    /** The events some of these journeys' wait-until steps wait for. */
    private static Set<String> awaitedEvents(List<Journey> journeys) {
        Set<String> names = new HashSet<>();
        for (Journey journey : journeys) {
            for (JourneyDefinition.Step step : journey.definition().steps()) {
                if (step instanceof JourneyDefinition.WaitUntil waitUntil) {
                    names.add(waitUntil.event());
                }
            }
        }
        return names;
    }

    @Override
    public void handle(List<EngageLog.Event> events) {
        List<Journey> journeys = store.activeWithTrigger("event");
        Set<String> awaited = awaitedEvents(store.list());
        List<Journey> formJourneys = events.stream().anyMatch(event -> Forms.SUBMITTED_EVENT.equals(event.event()))
                ? store.activeWithTrigger("form_submitted") : List.of();
        List<Long> awaitingPeople = new ArrayList<>();
        List<String> awaitedNames = new ArrayList<>();
        boolean any = false;
        for (EngageLog.Event event : events) {
            if (event.profileId() == null || !"track".equals(event.type()) || event.event() == null) {
                continue;
            }
            for (Journey journey : journeys) {
                if (journey.definition().trigger().value().equals(event.event())) {
                    any |= store.enter(journey, event.profileId(), "event:" + event.seq(), event.timestamp());
                }
            }
            if (event.event().equals(Forms.SUBMITTED_EVENT)) {
                String formKey = json.readTree(event.properties()).path("form_key").asString("");
                any |= enter(formJourneys, formKey, event.profileId(), "form:" + event.seq());
            }
            if (awaited.contains(event.event())) {
                awaitingPeople.add(event.profileId());
                awaitedNames.add(event.event());
            }
        }
        // Only events some run may wait for are looked up, and all of a round's in one statement: most events of
        // a shop (every product view) wake nobody.
        any |= !awaitingPeople.isEmpty() && store.nudge(awaitingPeople, awaitedNames) > 0;
        if (any) {
            runner.wake();
        }
    }

    /**
     * A person entered or left a segment; the segments module's membership events are passed on to this.
     *
     * @param changeKey what identifies this change, e.g. the time of the change
     */
    void segmentChanged(String segmentKey, long profileId, boolean entered, String changeKey) {
        enterAll(entered ? "segment_entered" : "segment_left", segmentKey, profileId, "segment:" + changeKey);
    }

    private void enterAll(String kind, String value, long profileId, String key) {
        if (enter(store.activeWithTrigger(kind), value, profileId, key)) {
            runner.wake();
        }
    }

    private boolean enter(List<Journey> journeys, String value, long profileId, String key) {
        boolean any = false;
        for (Journey journey : journeys) {
            if (journey.definition().trigger().value().equals(value)) {
                any |= store.enter(journey, profileId, key, java.time.Instant.now());
            }
        }
        return any;
    }

    /**
     * Lets in everyone whose date trait (e.g. {@code birthday}, or a first-order date) has its anniversary today in
     * the configured zone; run once a day or more often, it lets each person in once per day.
     *
     * @return how many people were let in
     */
    int datesToday() {
        LocalDate today = LocalDate.now(java.time.ZoneId.of(properties.zone()));
        int entered = 0;
        for (Journey journey : store.activeWithTrigger("date")) {
            String trait = journey.definition().trigger().value();
            List<Long> ids = jdbc.sql("""
                    SELECT id FROM profiles WHERE merged_into IS NULL
                      AND traits->>? ~ '^\\d{4}-\\d{2}-\\d{2}'
                      AND substring(traits->>? from 6 for 5) = ?""")
                    .params(trait, trait, String.format("%02d-%02d", today.getMonthValue(), today.getDayOfMonth()))
                    .query(Long.class).list();
            for (long id : ids) {
                if (store.enter(journey, id, "date:" + today, java.time.Instant.now())) {
                    entered++;
                }
            }
        }
        if (entered > 0) {
            runner.wake();
        }
        return entered;
    }

    /** The date triggers are checked every hour. */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void checkDates() {
        datesToday();
    }
}
