package io.lotse.server.engage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The admin API of journeys: definitions, switching them on and off, their funnel and people's runs. */
@RestController
@RequestMapping("/api/v1/engage/journeys")
class JourneyApiController {

    private final JourneyStore store;
    private final JourneyRunner runner;

    JourneyApiController(JourneyStore store, JourneyRunner runner) {
        this.store = store;
        this.runner = runner;
    }

    /** A journey as sent. */
    record JourneyBody(String name, JsonNode trigger, JsonNode steps) {}

    @GetMapping
    List<Map<String, Object>> list() {
        List<Map<String, Object>> answer = new ArrayList<>();
        for (Journey journey : store.list()) {
            answer.add(view(journey));
        }
        return answer;
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(@RequestBody JourneyBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(view(store.create(body.name(), body.trigger(),
                body.steps())));
    }

    @GetMapping("/{id}")
    Map<String, Object> journey(@PathVariable long id) {
        Journey journey = store.find(id).orElseThrow(() -> new NotFoundException("journey", id));
        Map<String, Object> answer = view(journey);
        answer.put("runs", store.runCounts(id));
        answer.put("funnel", funnel(journey));
        return answer;
    }

    @PutMapping("/{id}")
    Map<String, Object> update(@PathVariable long id, @RequestBody JourneyBody body) {
        return view(store.update(id, body.name(), body.trigger(), body.steps())
                .orElseThrow(() -> new NotFoundException("journey", id)));
    }

    @PostMapping("/{id}/activate")
    ResponseEntity<Void> activate(@PathVariable long id) {
        if (!store.setStatus(id, "active")) {
            throw new NotFoundException("journey", id);
        }
        runner.wake();
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/pause")
    ResponseEntity<Void> pause(@PathVariable long id) {
        if (!store.setStatus(id, "paused")) {
            throw new NotFoundException("journey", id);
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/runs")
    List<JourneyStore.Run> runs(@PathVariable long id, @RequestParam long profileId) {
        return store.runsOf(id, profileId);
    }

    /** Per step in journey order: how many runs reached it and what came out of it. */
    List<Map<String, Object>> funnel(Journey journey) {
        Map<String, Map<String, Long>> counts = store.funnel(journey.id());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (JourneyDefinition.Step step : journey.definition().steps()) {
            Map<String, Long> outcomes = counts.getOrDefault(step.id(), Map.of());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", step.id());
            row.put("type", step.type());
            row.put("reached", outcomes.values().stream().mapToLong(Long::longValue).sum());
            row.put("outcomes", outcomes);
            steps.add(row);
        }
        return steps;
    }

    private static Map<String, Object> view(Journey journey) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", journey.id());
        view.put("name", journey.name());
        view.put("status", journey.status());
        view.put("trigger", journey.trigger());
        view.put("steps", journey.steps());
        view.put("updatedAt", journey.updatedAt());
        return view;
    }
}
