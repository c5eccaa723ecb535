package io.lotse.server.engage;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * A stored journey.
 *
 * @param id         journey id
 * @param name       its name
 * @param status     draft, active or paused; only active journeys let people in and move them on
 * @param trigger    the trigger as written
 * @param steps      the steps as written
 * @param definition the parsed trigger and steps
 * @param updatedAt  last change
 */
record Journey(long id, String name, String status, JsonNode trigger, JsonNode steps, JourneyDefinition definition,
               Instant updatedAt) {}
