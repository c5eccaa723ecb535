package io.lotse.server.engage;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engage pages of the UI: campaigns with their statistics and experiment results, the template editor with
 * preview and test send, the journey editor with its per-step funnel, the lead lifecycle, forms and landing pages.
 */
@Controller
@RequestMapping("/engage")
class EngagePagesController {

    /** A sample of each step type, which the journey editor inserts into the steps to be filled in. */
    static final Map<String, String> STEP_EXAMPLES = examples();

    private final Campaigns campaigns;
    private final CampaignExperiments experiments;
    private final TemplateStore templates;
    private final TopicStore topics;
    private final CopyProposals copy;
    private final JourneyStore journeys;
    private final JourneyApiController journeyApi;
    private final LeadLifecycle lifecycle;
    private final Forms forms;
    private final LandingPages pages;
    private final PublicLinks links;
    private final JsonMapper json;

    EngagePagesController(Campaigns campaigns, CampaignExperiments experiments, TemplateStore templates,
                          TopicStore topics, CopyProposals copy, JourneyStore journeys, JourneyApiController journeyApi,
                          LeadLifecycle lifecycle, Forms forms, LandingPages pages, PublicLinks links,
                          JsonMapper json) {
        this.campaigns = campaigns;
        this.experiments = experiments;
        this.templates = templates;
        this.topics = topics;
        this.copy = copy;
        this.journeys = journeys;
        this.journeyApi = journeyApi;
        this.lifecycle = lifecycle;
        this.forms = forms;
        this.pages = pages;
        this.links = links;
        this.json = json;
    }

    @GetMapping
    String overview() {
        return "redirect:/engage/campaigns";
    }

    /** A campaign with its statistics, for the list. */
    record CampaignRow(Campaign campaign, CampaignStats stats) {}

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        List<CampaignRow> rows = new ArrayList<>();
        for (Campaign campaign : campaigns.list()) {
            rows.add(new CampaignRow(campaign, campaigns.stats(campaign.id())));
        }
        model.addAttribute("campaigns", rows);
        model.addAttribute("templates", templates.list());
        model.addAttribute("topics", topics.topics());
        return "engage-campaigns";
    }

    @PostMapping("/campaigns")
    String createCampaign(@RequestParam String name, @RequestParam long templateId,
                          @RequestParam(defaultValue = "newsletter") String topic,
                          @RequestParam(defaultValue = Audience.ALL_SUBSCRIBERS) String audience,
                          @RequestParam(defaultValue = "") String segment,
                          @RequestParam(defaultValue = "0") int holdoutPercent,
                          @RequestParam(defaultValue = "none") String experimentMode,
                          @RequestParam(defaultValue = "click") String metric,
                          @RequestParam(defaultValue = "") String variantSubjects, RedirectAttributes redirect) {
        return act(redirect, "/engage/campaigns", () -> {
            Audience target = audience.equals("segment") ? new Audience("segment", segment.strip(), List.of())
                    : new Audience(Audience.ALL_SUBSCRIBERS, null, List.of());
            ExperimentPlan plan = experimentMode.equals("none") ? null
                    : subjectExperiment(experimentMode, metric, variantSubjects);
            return "/engage/campaigns/" + campaigns.create(name, templateId, topic, target, holdoutPercent, plan).id();
        });
    }

    /**
     * A test of subject lines: the template's own subject is the control {@code A}, each further line a variant
     * {@code B}, {@code C}, ...
     */
    private static ExperimentPlan subjectExperiment(String mode, String metric, String subjects) {
        List<ExperimentPlan.Variant> variants = new ArrayList<>();
        variants.add(new ExperimentPlan.Variant("A", null, null));
        for (String line : subjects.split("\\R")) {
            if (!line.isBlank()) {
                variants.add(new ExperimentPlan.Variant(String.valueOf((char) ('A' + variants.size())), line.strip(),
                        null));
            }
        }
        try {
            return new ExperimentPlan(ExperimentPlan.Mode.parse(mode), ExperimentPlan.Metric.parse(metric), variants);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The experiment is not valid: " + e.getMessage(), e);
        }
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable long id, Model model, HttpServletResponse response) {
        Campaign campaign = campaigns.find(id).orElse(null);
        if (campaign == null) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "redirect:/engage/campaigns";
        }
        model.addAttribute("campaign", campaign);
        model.addAttribute("stats", campaigns.stats(id));
        model.addAttribute("results", experiments.results(campaign));
        model.addAttribute("template", templates.find(campaign.templateId()).orElse(null));
        return "engage-campaign";
    }

    @PostMapping("/campaigns/{id}/{action:schedule|pause|resume|stop}")
    String campaignAction(@PathVariable long id, @PathVariable String action,
                          @RequestParam(defaultValue = "") String at, RedirectAttributes redirect) {
        String back = "/engage/campaigns/" + id;
        return act(redirect, back, () -> {
            boolean done = switch (action) {
                case "schedule" -> campaigns.schedule(id, startAt(at)) != null;
                case "pause" -> campaigns.pause(id);
                case "resume" -> campaigns.resume(id);
                default -> campaigns.stop(id, "stopped by a person");
            };
            if (!done) {
                throw new IllegalStateException("The campaign is not in a state that allows this.");
            }
            return back;
        });
    }

    /** A start time from the form's local date and time, in the server's zone as the UI shows times; now when empty. */
    private @Nullable Instant startAt(String at) {
        if (at.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(at.strip()).atZone(ZoneId.systemDefault()).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + at + "' is not a date and time.", e);
        }
    }

    @PostMapping("/templates")
    String createTemplate(@RequestParam String name, @RequestParam String subject,
                          @RequestParam(defaultValue = "") String html, @RequestParam(defaultValue = "") String text,
                          RedirectAttributes redirect) {
        return act(redirect, "/engage/campaigns",
                () -> "/engage/templates/" + templates.create(name, subject, html, text, false).id());
    }

    @GetMapping("/templates/{id}")
    String template(@PathVariable long id, Model model) {
        EmailTemplate template = templates.find(id).orElse(null);
        if (template == null) {
            return "redirect:/engage/campaigns";
        }
        model.addAttribute("template", template);
        model.addAttribute("aiEnabled", copy.enabled());
        return "engage-template";
    }

    @PostMapping("/templates/{id}")
    String saveTemplate(@PathVariable long id, @RequestParam String name, @RequestParam String subject,
                        @RequestParam(defaultValue = "") String html, @RequestParam(defaultValue = "") String text,
                        RedirectAttributes redirect) {
        String back = "/engage/templates/" + id;
        return act(redirect, back, () -> {
            templates.update(id, name, subject, html, text);
            redirect.addFlashAttribute("notice", "saved");
            return back;
        });
    }

    /** The preview as a chosen person, an htmx fragment. */
    @PostMapping("/templates/{id}/preview")
    String preview(@PathVariable long id, @RequestParam(defaultValue = "0") long profileId, Model model) {
        try {
            model.addAttribute("preview", campaigns.preview(id, profileId));
        } catch (NotFoundException | IllegalArgumentException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "engage-template :: preview";
    }

    @PostMapping("/templates/{id}/test")
    String testSend(@PathVariable long id, @RequestParam(defaultValue = "0") long profileId,
                    @RequestParam String to, RedirectAttributes redirect) {
        String back = "/engage/templates/" + id;
        return act(redirect, back, () -> {
            DeliveryStore.Outcome outcome = campaigns.testSend(id, profileId, to.strip());
            redirect.addFlashAttribute("notice", "test:" + outcome.status().column());
            return back;
        });
    }

    @PostMapping("/templates/{id}/approve")
    String approve(@PathVariable long id, @Nullable Principal principal, RedirectAttributes redirect) {
        String back = "/engage/templates/" + id;
        return act(redirect, back, () -> {
            templates.approve(id, principal == null ? "admin" : principal.getName());
            return back;
        });
    }

    @PostMapping("/templates/{id}/proposals")
    String propose(@PathVariable long id, @RequestParam(defaultValue = "") String brief, RedirectAttributes redirect) {
        String back = "/engage/templates/" + id;
        return act(redirect, back, () -> {
            EmailTemplate source = templates.find(id).orElseThrow(() -> new NotFoundException("template", id));
            List<EmailTemplate> proposed = copy.propose(source, 3, brief);
            redirect.addFlashAttribute("notice", "proposed:" + proposed.size());
            return "/engage/campaigns";
        });
    }

    @GetMapping("/journeys")
    String journeys(Model model) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Journey journey : journeys.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("journey", journey);
            row.put("runs", journeys.runCounts(journey.id()));
            rows.add(row);
        }
        model.addAttribute("journeys", rows);
        model.addAttribute("stages", lifecycle.stages());
        model.addAttribute("stageCounts", lifecycle.countsByStage());
        return "engage-journeys";
    }

    @PostMapping("/journeys")
    String createJourney(@RequestParam String name, @RequestParam String triggerKind,
                         @RequestParam(defaultValue = "") String triggerValue, RedirectAttributes redirect) {
        return act(redirect, "/engage/journeys", () -> {
            JsonNode steps = json.readTree("[{\"id\":\"wait\",\"type\":\"wait\",\"duration\":\"PT1H\"}]");
            return "/engage/journeys/" + journeys.create(name, trigger(triggerKind, triggerValue), steps).id();
        });
    }

    @GetMapping("/journeys/{id}")
    String journey(@PathVariable long id, Model model) {
        Journey journey = journeys.find(id).orElse(null);
        if (journey == null) {
            return "redirect:/engage/journeys";
        }
        model.addAttribute("journey", journey);
        if (!model.containsAttribute("stepsJson")) {
            model.addAttribute("stepsJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(journey.steps()));
        }
        model.addAttribute("funnel", journeyApi.funnel(journey));
        model.addAttribute("runs", journeys.runCounts(id));
        model.addAttribute("stepExamples", STEP_EXAMPLES);
        model.addAttribute("triggerKinds", JourneyDefinition.Trigger.KINDS.stream().sorted().toList());
        return "engage-journey";
    }

    @PostMapping("/journeys/{id}")
    String saveJourney(@PathVariable long id, @RequestParam String name, @RequestParam String triggerKind,
                       @RequestParam(defaultValue = "") String triggerValue, @RequestParam String steps,
                       RedirectAttributes redirect) {
        String back = "/engage/journeys/" + id;
        try {
            JsonNode parsed;
            try {
                parsed = json.readTree(steps);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("The steps are not valid JSON: " + e.getMessage());
            }
            journeys.update(id, name, trigger(triggerKind, triggerValue), parsed);
            redirect.addFlashAttribute("notice", "saved");
        } catch (IllegalArgumentException | IllegalStateException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("stepsJson", steps);
        }
        return "redirect:" + back;
    }

    @PostMapping("/journeys/{id}/{status:active|paused}")
    String journeyStatus(@PathVariable long id, @PathVariable String status, RedirectAttributes redirect) {
        journeys.setStatus(id, status);
        return "redirect:/engage/journeys/" + id;
    }

    private static Map<String, String> examples() {
        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("wait", "{\"id\": \"wait-2h\", \"type\": \"wait\", \"duration\": \"PT2H\"}");
        examples.put("wait_until", "{\"id\": \"ordered\", \"type\": \"wait_until\", \"event\": \"Order Completed\", "
                + "\"timeout\": \"PT2H\", \"onEvent\": \"done\", \"onTimeout\": \"reminder\"}");
        examples.put("condition", "{\"id\": \"in-germany\", \"type\": \"condition\", "
                + "\"rule\": {\"trait\": \"country\", \"equals\": \"DE\"}, \"yes\": \"reminder\", \"no\": \"done\"}");
        examples.put("random_split", "{\"id\": \"split\", \"type\": \"random_split\", \"branches\": "
                + "[{\"percent\": 50, \"next\": \"reminder\"}, {\"percent\": 50, \"next\": \"done\"}]}");
        examples.put("send_email", "{\"id\": \"reminder\", \"type\": \"send_email\", \"templateId\": 1}");
        examples.put("set_trait", "{\"id\": \"tag\", \"type\": \"set_trait\", \"trait\": \"journey\", "
                + "\"value\": \"reminded\"}");
        examples.put("add_to_segment", "{\"id\": \"add\", \"type\": \"add_to_segment\", \"segment\": \"vip\"}");
        examples.put("remove_from_segment", "{\"id\": \"remove\", \"type\": \"remove_from_segment\", "
                + "\"segment\": \"vip\"}");
        examples.put("webhook", "{\"id\": \"call\", \"type\": \"webhook\", \"url\": \"https://example.org/hook\"}");
        examples.put("notify_salesperson", "{\"id\": \"notify\", \"type\": \"notify_salesperson\", "
                + "\"email\": \"sales@example.org\"}");
        examples.put("exit", "{\"id\": \"done\", \"type\": \"exit\"}");
        return java.util.Collections.unmodifiableMap(examples);
    }

    private static JsonNode trigger(String kind, String value) {
        ObjectNode trigger = JsonNodeFactory.instance.objectNode();
        trigger.put("kind", kind);
        trigger.put("value", value.strip());
        return trigger;
    }

    @GetMapping("/forms")
    String forms(Model model) {
        model.addAttribute("forms", forms.list());
        model.addAttribute("submissions", forms.submissionCounts());
        List<Map<String, Object>> pageRows = new ArrayList<>();
        for (LandingPages.Page page : pages.list()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("page", page);
            row.put("url", links.landing(page.key(), 0));
            row.put("analysis", page.variants().isEmpty() ? null : pages.analysis(page));
            pageRows.add(row);
        }
        model.addAttribute("pages", pageRows);
        Map<String, String> formUrls = new LinkedHashMap<>();
        forms.list().forEach(form -> formUrls.put(form.key(), links.form(form.key())));
        model.addAttribute("formUrls", formUrls);
        return "engage-forms";
    }

    /** Creates or replaces a form; the fields are JSON as in the API. */
    @PostMapping("/forms")
    String saveForm(@RequestParam String key, @RequestParam String name, @RequestParam String fields,
                    @RequestParam(defaultValue = "") String consentPurpose,
                    @RequestParam(defaultValue = "false") boolean doubleOptIn,
                    @RequestParam(defaultValue = "") String successMessage, RedirectAttributes redirect) {
        return act(redirect, "/engage/forms", () -> {
            forms.save(key.strip(), name, parse(fields, "fields"), consentPurpose, doubleOptIn, successMessage);
            redirect.addFlashAttribute("notice", "saved");
            return "/engage/forms";
        });
    }

    /** Creates or replaces a landing page; its variants are JSON as in the API. */
    @PostMapping("/landing-pages")
    String savePage(@RequestParam String key, @RequestParam String title, @RequestParam String html,
                    @RequestParam(defaultValue = "") String formKey, @RequestParam(defaultValue = "") String variants,
                    @RequestParam(defaultValue = "ab") String mode, RedirectAttributes redirect) {
        return act(redirect, "/engage/forms", () -> {
            pages.save(key.strip(), title, html, formKey, variants.isBlank() ? null : parse(variants, "variants"),
                    mode);
            redirect.addFlashAttribute("notice", "saved");
            return "/engage/forms";
        });
    }

    private JsonNode parse(String text, String what) {
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The " + what + " are not valid JSON: " + e.getMessage());
        }
    }

    /** Runs an action; a refused one comes back as an error on the page it was started from. */
    private static String act(RedirectAttributes redirect, String back, Supplier<String> action) {
        try {
            return "redirect:" + action.get();
        } catch (IllegalArgumentException | IllegalStateException | NotFoundException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:" + back;
        }
    }
}
