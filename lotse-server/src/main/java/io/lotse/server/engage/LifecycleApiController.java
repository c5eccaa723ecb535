package io.lotse.server.engage;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of the lead lifecycle: stages, point rules, people's stage and the CRM hand-over. */
@RestController
@RequestMapping("/api/v1/engage/lifecycle")
class LifecycleApiController {

    private final LeadLifecycle lifecycle;
    private final CrmHandover crm;

    LifecycleApiController(LeadLifecycle lifecycle, CrmHandover crm) {
        this.lifecycle = lifecycle;
        this.crm = crm;
    }

    @GetMapping
    Map<String, Object> overview() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("stages", lifecycle.stages());
        answer.put("people", lifecycle.countsByStage());
        answer.put("pointRules", lifecycle.pointRules());
        answer.put("crmHandover", crm.counts());
        return answer;
    }

    /** A stage's name and criteria. */
    record StageBody(String name, @Nullable Integer minPoints, @Nullable String scoreName, @Nullable Double minScore,
                     @Nullable String onEvent) {}

    @PutMapping("/stages/{key}")
    ResponseEntity<Void> updateStage(@PathVariable String key, @RequestBody StageBody body) {
        if (!lifecycle.updateStage(key, body.name(), body.minPoints(), body.scoreName(), body.minScore(),
                body.onEvent())) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.noContent().build();
    }

    /** Points for an event. */
    record PointRuleBody(int points) {}

    @PutMapping("/points/{event}")
    ResponseEntity<Void> setPoints(@PathVariable String event, @RequestBody PointRuleBody body) {
        lifecycle.setPointRule(event, body.points());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/profiles/{profileId}")
    Map<String, Object> lead(@PathVariable long profileId) {
        LeadLifecycle.Lead lead = lifecycle.lead(profileId).orElseThrow(() -> new NotFoundException("lead", profileId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("profileId", profileId);
        answer.put("stage", lead.stage());
        answer.put("points", lead.points());
        answer.put("milestones", lead.milestones());
        answer.put("stageChangedAt", lead.stageChangedAt());
        answer.put("history", lifecycle.history(profileId));
        return answer;
    }

    /** A stage set by a person. */
    record SetStageBody(String stage, @Nullable String by) {}

    @PutMapping("/profiles/{profileId}")
    ResponseEntity<Void> setStage(@PathVariable long profileId, @RequestBody SetStageBody body) {
        lifecycle.setStage(profileId, body.stage(), body.by() == null ? "a person" : body.by());
        return ResponseEntity.noContent().build();
    }
}
