package io.lotse.server.engage;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API of email: templates, campaigns, suppressions, bounce and complaint reports, subscriptions. */
@RestController
@RequestMapping("/api/v1/engage")
class EngageApiController {

    private final TemplateStore templates;
    private final Campaigns campaigns;
    private final SuppressionList suppressions;
    private final FeedbackProcessor feedback;
    private final DoubleOptIn doubleOptIn;
    private final TopicStore topics;
    private final CopyProposals copy;
    private final JsonMapper json;

    EngageApiController(TemplateStore templates, Campaigns campaigns, SuppressionList suppressions,
                        FeedbackProcessor feedback, DoubleOptIn doubleOptIn, TopicStore topics, CopyProposals copy,
                        JsonMapper json) {
        this.templates = templates;
        this.campaigns = campaigns;
        this.suppressions = suppressions;
        this.feedback = feedback;
        this.doubleOptIn = doubleOptIn;
        this.topics = topics;
        this.copy = copy;
        this.json = json;
    }

    /** A template as sent and received. */
    record TemplateBody(String name, String subject, @Nullable String html, @Nullable String text) {}

    @GetMapping("/templates")
    List<EmailTemplate> templates() {
        return templates.list();
    }

    @PostMapping("/templates")
    ResponseEntity<EmailTemplate> createTemplate(@RequestBody TemplateBody body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(templates.create(body.name(), body.subject(),
                nonNull(body.html()), nonNull(body.text()), false));
    }

    @GetMapping("/templates/{id}")
    EmailTemplate template(@PathVariable long id) {
        return templates.find(id).orElseThrow(() -> new NotFoundException("template", id));
    }

    @PutMapping("/templates/{id}")
    EmailTemplate updateTemplate(@PathVariable long id, @RequestBody TemplateBody body) {
        return templates.update(id, body.name(), body.subject(), nonNull(body.html()), nonNull(body.text()))
                .orElseThrow(() -> new NotFoundException("template", id));
    }

    /** Approval of generated copy by a person; the name goes into the record. */
    record Approval(String approvedBy) {}

    @PostMapping("/templates/{id}/approve")
    EmailTemplate approve(@PathVariable long id, @RequestBody Approval approval) {
        if (approval.approvedBy().isBlank()) {
            throw new IllegalArgumentException("Say who approves the copy in 'approvedBy'.");
        }
        return templates.approve(id, approval.approvedBy().strip()).orElseThrow(() -> new NotFoundException("template", id));
    }

    /** What to ask the copy generator for. */
    record ProposalRequest(@Nullable Integer count, @Nullable String brief) {}

    /** Whether generated copy is available (an endpoint is configured). */
    @GetMapping("/ai")
    Map<String, Object> ai() {
        return Map.of("enabled", copy.enabled());
    }

    /**
     * Generated variants of a template, saved as AI-generated templates that need approval before sending; 404
     * when no endpoint is configured.
     */
    @PostMapping("/templates/{id}/proposals")
    ResponseEntity<List<EmailTemplate>> propose(@PathVariable long id,
                                                @RequestBody(required = false) @Nullable ProposalRequest request) {
        if (!copy.enabled()) {
            return ResponseEntity.notFound().build();
        }
        EmailTemplate source = templates.find(id).orElseThrow(() -> new NotFoundException("template", id));
        return ResponseEntity.status(HttpStatus.CREATED).body(copy.propose(source,
                request == null || request.count() == null ? 3 : request.count(),
                request == null || request.brief() == null ? "" : request.brief()));
    }

    /** A person to render as, and for a test send the address to send to. */
    record AsPerson(long profileId, @Nullable String to) {}

    @PostMapping("/templates/{id}/preview")
    RenderedMessage preview(@PathVariable long id, @RequestBody AsPerson person) {
        return campaigns.preview(id, person.profileId());
    }

    @PostMapping("/templates/{id}/test")
    Map<String, Object> testSend(@PathVariable long id, @RequestBody AsPerson person) {
        if (person.to() == null) {
            throw new IllegalArgumentException("Give the test address in 'to'.");
        }
        DeliveryStore.Outcome outcome = campaigns.testSend(id, person.profileId(), person.to());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deliveryId", outcome.id());
        answer.put("status", outcome.status().column());
        if (outcome.detail() != null) {
            answer.put("detail", outcome.detail());
        }
        return answer;
    }

    /** A campaign as created. */
    record CampaignBody(String name, long templateId, @Nullable String topic, JsonNode audience,
                        @Nullable Integer holdoutPercent, @Nullable JsonNode experiment) {}

    @GetMapping("/campaigns")
    List<Campaign> campaigns() {
        return campaigns.list();
    }

    @PostMapping("/campaigns")
    ResponseEntity<Campaign> createCampaign(@RequestBody CampaignBody body) {
        Audience audience = CampaignStore.audience(body.audience());
        ExperimentPlan experiment = body.experiment() == null || body.experiment().isNull() ? null
                : CampaignStore.experiment(body.experiment());
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.create(body.name(), body.templateId(),
                body.topic() == null ? "newsletter" : body.topic(), audience,
                body.holdoutPercent() == null ? 0 : body.holdoutPercent(), experiment));
    }

    @GetMapping("/campaigns/{id}")
    Map<String, Object> campaign(@PathVariable long id) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> new NotFoundException("campaign", id));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("campaign", campaign);
        answer.put("stats", campaigns.stats(id));
        return answer;
    }

    /** When to start; absent for now. */
    record Schedule(@Nullable Instant at) {}

    @PostMapping("/campaigns/{id}/schedule")
    Campaign schedule(@PathVariable long id, @RequestBody(required = false) @Nullable Schedule schedule) {
        return campaigns.schedule(id, schedule == null ? null : schedule.at());
    }

    @PostMapping("/campaigns/{id}/pause")
    ResponseEntity<Void> pause(@PathVariable long id) {
        return campaigns.pause(id) ? ResponseEntity.noContent().build() : conflict();
    }

    @PostMapping("/campaigns/{id}/resume")
    ResponseEntity<Void> resume(@PathVariable long id) {
        return campaigns.resume(id) ? ResponseEntity.noContent().build() : conflict();
    }

    @PostMapping("/campaigns/{id}/stop")
    ResponseEntity<Void> stop(@PathVariable long id) {
        return campaigns.stop(id, "stopped by a person") ? ResponseEntity.noContent().build() : conflict();
    }

    /** An address to suppress. */
    record SuppressionBody(String email, String reason) {}

    @PostMapping("/suppressions")
    Map<String, Object> suppress(@RequestBody SuppressionBody body) {
        if (!EmailAddresses.valid(body.email().strip())) {
            throw new IllegalArgumentException("'" + body.email() + "' is not an email address.");
        }
        SuppressionReason reason;
        try {
            reason = SuppressionReason.valueOf(body.reason().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The reason must be one of hard_bounce, complaint, unsubscribe, objection.");
        }
        boolean added = suppressions.suppress(body.email(), reason, "api");
        return Map.of("added", added);
    }

    @GetMapping("/suppressions")
    Map<String, Long> suppressionCounts() {
        return suppressions.countsByReason();
    }

    /**
     * A bounce or complaint report: the raw report as {@code message/rfc822} (a DSN or an ARF report, as a relay
     * forwards it), or JSON {@code {"type": "bounce"|"soft_bounce"|"complaint", "email": "..."}}.
     */
    @PostMapping(path = "/feedback")
    ResponseEntity<Map<String, Object>> feedback(HttpServletRequest request) throws java.io.IOException {
        byte[] body = request.getInputStream().readAllBytes();
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        FeedbackReport report;
        if (type.startsWith("application/json")) {
            JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
            String kind = node.path("type").asString("");
            FeedbackReport.Kind parsed = switch (kind) {
                case "bounce", "hard_bounce" -> FeedbackReport.Kind.HARD_BOUNCE;
                case "soft_bounce" -> FeedbackReport.Kind.SOFT_BOUNCE;
                case "complaint" -> FeedbackReport.Kind.COMPLAINT;
                default -> throw new IllegalArgumentException(
                        "'type' must be bounce, soft_bounce or complaint, was '" + kind + "'.");
            };
            String email = node.path("email").asString("");
            if (!EmailAddresses.valid(email)) {
                throw new IllegalArgumentException("'email' must be an email address.");
            }
            report = new FeedbackReport(parsed, email, null, "webhook");
        } else {
            report = FeedbackReports.parse(body).orElseThrow(() -> new IllegalArgumentException(
                    "The body is neither a delivery status notification nor an ARF report."));
        }
        return feedback.handle(report).<ResponseEntity<Map<String, Object>>>map(handled -> {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("kind", handled.kind().name().toLowerCase(Locale.ROOT));
            answer.put("deliveryId", handled.deliveryId());
            answer.put("suppressed", handled.suppressed());
            return ResponseEntity.ok(answer);
        }).orElseGet(() -> ResponseEntity.accepted().body(Map.of("kind", "ignored")));
    }

    /** A newsletter subscription to confirm by double opt-in, as a shop's backend passes it on. */
    record SubscriptionBody(String email, String ip, @Nullable String userAgent, @Nullable String locale,
                            @Nullable String purpose, @Nullable Long consentTextId, @Nullable String source) {}

    @PostMapping("/subscriptions")
    ResponseEntity<Map<String, Object>> subscribe(@RequestBody SubscriptionBody body) {
        Locale locale = Locale.forLanguageTag(body.locale() == null ? "en" : body.locale());
        ConsentText text = body.consentTextId() != null
                ? doubleOptIn.text(body.consentTextId()).orElseThrow(() -> new NotFoundException("consent text",
                body.consentTextId()))
                : doubleOptIn.currentText(body.purpose() == null ? "email" : body.purpose(), locale.getLanguage())
                .orElseThrow(() -> new IllegalArgumentException("There is no consent text for this purpose."));
        if (body.ip() == null || body.ip().isBlank()) {
            throw new IllegalArgumentException("Give the IP address the person subscribed from in 'ip'.");
        }
        DoubleOptIn.Requested requested = doubleOptIn.request(body.email(), text, body.ip().strip(), body.userAgent(),
                body.source() == null ? "api" : body.source(), null, locale);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("proofId", requested.proofId(),
                "confirmationSent", requested.mailSent(), "outcome", requested.outcome()));
    }

    @GetMapping("/subscriptions/proofs/{id}")
    DoubleOptIn.Proof proof(@PathVariable long id) {
        return doubleOptIn.proof(id).orElseThrow(() -> new NotFoundException("proof of consent", id));
    }

    @GetMapping("/topics")
    Map<String, String> topics() {
        return topics.topics();
    }

    private static ResponseEntity<Void> conflict() {
        return ResponseEntity.status(HttpStatus.CONFLICT).build();
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
