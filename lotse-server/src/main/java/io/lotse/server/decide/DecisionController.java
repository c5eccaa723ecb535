package io.lotse.server.decide;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.security.Principal;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of decision cards: list, read, propose, approve, edit, reject; the active budget plan. */
@RestController
@RequestMapping("/api/v1/decisions")
@Tag(name = "Decisions", description = "Decision cards with approval, edits, rejection and audit trail")
@SecurityRequirement(name = "adminToken")
class DecisionController {

    private final Decisions decisions;

    DecisionController(Decisions decisions) {
        this.decisions = decisions;
    }

    /**
     * Who decides: the signed-in name, or for the API token the name given in the body ({@code by}).
     */
    static String actor(@Nullable Principal principal, @Nullable String by) {
        String name = principal == null ? "admin-api" : principal.getName();
        return by == null || by.isBlank() ? name : name + ":" + by.strip();
    }

    @Operation(summary = "The newest decision cards, optionally of one status (proposed, approved, rejected, "
            + "superseded)")
    @GetMapping
    Map<String, List<CardView>> list(@RequestParam(required = false) @Nullable String status,
                                     @RequestParam(defaultValue = "20") int limit) {
        return Map.of("decisions", decisions.list(status, Math.max(1, Math.min(100, limit))));
    }

    @Operation(summary = "One card with its plan, forecast, evidence, caveats, audit trail and actuals")
    @GetMapping("/{id}")
    CardView card(@PathVariable long id) {
        return decisions.view(id).orElseThrow(() -> new DecisionException(DecisionException.Kind.NOT_FOUND,
                "There is no decision card " + id + "."));
    }

    /**
     * A request for a budget card.
     *
     * @param fitId  the fit (default: the latest finished)
     * @param month  the month, YYYY-MM (default: next month)
     * @param budget the month's total budget (default: the current weekly spend times its weeks)
     * @param by     who asks, recorded in the audit trail
     */
    record ProposeRequest(@Nullable Long fitId, @Nullable String month, @Nullable Double budget,
                          @Nullable String by) {
    }

    @Operation(summary = "Propose a budget card from a fit (fits propose one for next month by themselves)")
    @PostMapping
    ResponseEntity<CardView> propose(@RequestBody(required = false) @Nullable ProposeRequest request,
                                     @Nullable Principal principal) {
        ProposeRequest asked = request == null ? new ProposeRequest(null, null, null, null) : request;
        YearMonth month;
        try {
            month = asked.month() == null ? null : YearMonth.parse(asked.month());
        } catch (DateTimeParseException e) {
            throw new DecisionException(DecisionException.Kind.BAD_REQUEST, "month must be YYYY-MM, was '"
                    + asked.month() + "'");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(decisions.propose(asked.fitId(), month, asked.budget(),
                actor(principal, asked.by())));
    }

    /**
     * A decision.
     *
     * @param comment why (required to reject)
     * @param plan    for an edit: spend per week by channel
     * @param by      who decides, recorded in the audit trail
     */
    record DecisionRequest(@Nullable String comment, @Nullable Map<String, Double> plan, @Nullable String by) {
    }

    private static DecisionRequest orEmpty(@Nullable DecisionRequest request) {
        return request == null ? new DecisionRequest(null, null, null) : request;
    }

    @Operation(summary = "Approve the recommendation; its plan becomes the active budget plan")
    @PostMapping("/{id}/approve")
    CardView approve(@PathVariable long id, @RequestBody(required = false) @Nullable DecisionRequest request,
                     @Nullable Principal principal) {
        DecisionRequest asked = orEmpty(request);
        return decisions.approve(id, actor(principal, asked.by()), asked.comment());
    }

    @Operation(summary = "Approve a changed plan: {\"plan\": {channel: spend per week}, \"comment\": …}; the "
            + "forecast is recomputed and the plan becomes the active budget plan")
    @PostMapping("/{id}/edit")
    CardView edit(@PathVariable long id, @RequestBody DecisionRequest request, @Nullable Principal principal) {
        if (request.plan() == null || request.plan().isEmpty()) {
            throw new DecisionException(DecisionException.Kind.BAD_REQUEST, "An edit needs a plan: {\"plan\": "
                    + "{\"channel\": spend per week}}.");
        }
        return decisions.edit(id, request.plan(), actor(principal, request.by()), request.comment());
    }

    @Operation(summary = "Reject the recommendation; the comment is required")
    @PostMapping("/{id}/reject")
    CardView reject(@PathVariable long id, @RequestBody(required = false) @Nullable DecisionRequest request,
                    @Nullable Principal principal) {
        DecisionRequest asked = orEmpty(request);
        return decisions.reject(id, actor(principal, asked.by()), asked.comment());
    }

    @Operation(summary = "The active budget plan: spend per week by channel, from the last approved card")
    @GetMapping("/active-plan")
    ResponseEntity<?> activePlan() {
        return decisions.activePlan().<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> ResponseEntity
                .status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No budget plan has been approved yet.")));
    }

    @ExceptionHandler(DecisionException.class)
    ResponseEntity<ProblemDetail> failed(DecisionException e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case BAD_REQUEST -> HttpStatus.BAD_REQUEST;
        };
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
