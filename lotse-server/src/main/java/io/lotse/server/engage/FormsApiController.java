package io.lotse.server.engage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The admin API of forms, landing pages and experiment results: defining forms and pages, a form's submissions
 * and embeddable snippet, the analysis of a page's variants and of a campaign's experiment and holdout.
 */
@RestController
@RequestMapping("/api/v1/engage")
class FormsApiController {

    private final Forms forms;
    private final FormHtml formHtml;
    private final LandingPages pages;
    private final PublicLinks links;
    private final Campaigns campaigns;
    private final CampaignExperiments experiments;

    FormsApiController(Forms forms, FormHtml formHtml, LandingPages pages, PublicLinks links, Campaigns campaigns,
                       CampaignExperiments experiments) {
        this.forms = forms;
        this.formHtml = formHtml;
        this.pages = pages;
        this.links = links;
        this.campaigns = campaigns;
        this.experiments = experiments;
    }

    /** A form as sent. */
    record FormBody(String name, JsonNode fields, @Nullable String consentPurpose, @Nullable Boolean doubleOptIn,
                    @Nullable String successMessage) {}

    @GetMapping("/forms")
    List<Map<String, Object>> forms() {
        Map<String, Long> counts = forms.submissionCounts();
        return forms.list().stream().map(f -> view(f, counts.getOrDefault(f.key(), 0L))).toList();
    }

    @PutMapping("/forms/{key}")
    Map<String, Object> saveForm(@PathVariable String key, @RequestBody FormBody body) {
        if (body.name() == null || body.fields() == null) {
            throw new IllegalArgumentException("A form needs 'name' and 'fields'.");
        }
        Forms.Form form = forms.save(key, body.name(), body.fields(), body.consentPurpose(),
                body.doubleOptIn() == null || body.doubleOptIn(), body.successMessage());
        return view(form, forms.submissionCounts().getOrDefault(key, 0L));
    }

    @GetMapping("/forms/{key}")
    Map<String, Object> form(@PathVariable String key) {
        return view(find(key), forms.submissionCounts().getOrDefault(key, 0L));
    }

    @GetMapping("/forms/{key}/submissions")
    List<Forms.Submission> submissions(@PathVariable String key, @RequestParam(defaultValue = "100") int limit) {
        find(key);
        return forms.submissions(key, Math.max(1, Math.min(limit, 1_000)));
    }

    /**
     * What a site puts on its pages: the form as plain HTML posting to Lotse (styled by the site), or an iframe of
     * the hosted form.
     */
    @GetMapping("/forms/{key}/snippet")
    Map<String, String> snippet(@PathVariable String key, java.util.Locale locale) {
        Forms.Form form = find(key);
        String url = links.form(key);
        return Map.of("html", formHtml.render(form, url, forms.consentText(form, locale).orElse(null), Map.of(),
                        Map.of(), Map.of(), locale),
                "iframe", "<iframe src=\"" + MessageTemplate.escape(url) + "\" title=\""
                        + MessageTemplate.escape(form.name()) + "\" style=\"border:0;width:100%;min-height:480px\" "
                        + "loading=\"lazy\"></iframe>",
                "url", url);
    }

    private Forms.Form find(String key) {
        return forms.find(key).orElseThrow(() -> new NotFoundException("form", key));
    }

    private Map<String, Object> view(Forms.Form form, long submissions) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", form.key());
        answer.put("name", form.name());
        answer.put("fields", form.definition().fields());
        answer.put("consentPurpose", form.consentPurpose());
        answer.put("doubleOptIn", form.doubleOptIn());
        answer.put("successMessage", form.successMessage());
        answer.put("updatedAt", form.updatedAt());
        answer.put("url", links.form(form.key()));
        answer.put("submissions", submissions);
        return answer;
    }

    /** A landing page as sent. */
    record PageBody(String title, String html, @Nullable String formKey, @Nullable JsonNode variants,
                    @Nullable String mode) {}

    @GetMapping("/landing-pages")
    List<Map<String, Object>> pages() {
        return pages.list().stream().map(this::view).toList();
    }

    @PutMapping("/landing-pages/{key}")
    Map<String, Object> savePage(@PathVariable String key, @RequestBody PageBody body) {
        if (body.title() == null || body.html() == null) {
            throw new IllegalArgumentException("A landing page needs 'title' and 'html'.");
        }
        return view(pages.save(key, body.title(), body.html(), body.formKey(), body.variants(), body.mode()));
    }

    @GetMapping("/landing-pages/{key}")
    Map<String, Object> page(@PathVariable String key) {
        LandingPages.Page page = pages.find(key).orElseThrow(() -> new NotFoundException("landing page", key));
        Map<String, Object> answer = view(page);
        answer.put("html", page.html());
        answer.put("variants", page.variants());
        return answer;
    }

    /** The Bayesian analysis of a page's variants by form submissions per visitor. */
    @GetMapping("/landing-pages/{key}/experiment")
    Map<String, Object> pageExperiment(@PathVariable String key) {
        LandingPages.Page page = pages.find(key).orElseThrow(() -> new NotFoundException("landing page", key));
        if (page.variants().isEmpty()) {
            throw new IllegalStateException("The page '" + key + "' has no variants.");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("mode", page.mode());
        answer.put("metric", "conversion");
        answer.put("analysis", pages.analysis(page));
        return answer;
    }

    private Map<String, Object> view(LandingPages.Page page) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("key", page.key());
        answer.put("title", page.title());
        answer.put("formKey", page.formKey());
        answer.put("variantNames", page.allVariants().stream().map(LandingPages.Variant::name).toList());
        answer.put("mode", page.mode());
        answer.put("updatedAt", page.updatedAt());
        answer.put("url", links.landing(page.key(), 0));
        return answer;
    }

    /** The analysis of a campaign's experiment and the incrementality against its holdout. */
    @GetMapping("/campaigns/{id}/experiment")
    Map<String, Object> campaignExperiment(@PathVariable long id) {
        Campaign campaign = campaigns.find(id).orElseThrow(() -> new NotFoundException("campaign", id));
        return experiments.results(campaign);
    }

    @ExceptionHandler(IllegalStateException.class)
    ProblemDetail conflict(IllegalStateException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }
}
