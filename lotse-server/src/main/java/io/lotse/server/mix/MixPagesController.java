package io.lotse.server.mix;

import io.lotse.engine.mix.LiftTest;
import io.lotse.engine.mix.MixResult;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The marketing-mix pages of the UI: spend upload, fits, results with charts (contributions over time, response
 * curves, ROI with intervals, diagnostics), the allocator with a live forecast, and attribution beside the model.
 */
@Controller
@RequestMapping("/mix")
class MixPagesController {

    private static final int LISTED_FITS = 10;

    private final MixModels models;
    private final SpendImports imports;
    private final SpendStore spend;
    private final ControlImports controlImports;
    private final ControlStore controls;
    private final MixAttribution attribution;
    private final FitStore store;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    MixPagesController(MixModels models, SpendImports imports, SpendStore spend, ControlImports controlImports,
                       ControlStore controls, MixAttribution attribution, FitStore store, JsonMapper json) {
        this.models = models;
        this.imports = imports;
        this.spend = spend;
        this.controlImports = controlImports;
        this.controls = controls;
        this.attribution = attribution;
        this.store = store;
        this.json = json;
    }

    @GetMapping
    String page(@RequestParam(required = false) @Nullable Long fit, Model model) {
        fill(model, fit);
        return "mix";
    }

    private void fill(Model model, @Nullable Long chosen) {
        model.addAttribute("spend", spend.totals());
        model.addAttribute("controls", controls.summaries());
        model.addAttribute("liftTests", store.liftTests());
        List<FitSummary> fits = models.fits(LISTED_FITS);
        model.addAttribute("fits", fits);
        model.addAttribute("running", fits.stream().filter(f -> f.status().equals("running")).findFirst()
                .orElse(null));
        Optional<FitSummary> shown = chosen == null ? models.latest() : models.fit(chosen).filter(FitSummary::done);
        if (shown.isPresent()) {
            Optional<MixResult> result = models.result(shown.get().id());
            if (result.isPresent()) {
                Map<String, Double> current = models.currentWeeklySpend(shown.get().id());
                model.addAttribute("fit", shown.get());
                model.addAttribute("result", result.get());
                model.addAttribute("current", current);
                ObjectNode charts = json.createObjectNode();
                charts.set("contributions", FitViews.contributions(result.get()));
                charts.set("curves", FitViews.curves(result.get(), current));
                charts.set("results", FitViews.results(shown.get(), result.get(), current));
                model.addAttribute("charts", json.writeValueAsString(charts));
                model.addAttribute("nextMonday", LocalDate.now(clock.withZone(OrderQueries.ZONE))
                        .with(TemporalAdjusters.next(DayOfWeek.MONDAY)));
                model.addAttribute("budget", current.values().stream().mapToDouble(Double::doubleValue).sum() * 4);
            }
        }
    }

    /** Imports a spend file, or a file of control variables when {@code kind} is {@code controls}. */
    @PostMapping("/spend")
    String uploadSpend(@RequestParam(name = "file", required = false) @Nullable MultipartFile file,
                       @RequestParam(defaultValue = "false") boolean dryRun,
                       @RequestParam(defaultValue = "spend") String kind, Model model,
                       HttpServletResponse response) throws IOException {
        try {
            if (file == null || file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()) {
                throw new SpendImportException("Choose a file to import.");
            }
            String name = file.getOriginalFilename();
            name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
            try (InputStream in = file.getInputStream()) {
                if (kind.equals("controls")) {
                    model.addAttribute("controlReport", controlImports.run(name, in, dryRun));
                } else {
                    model.addAttribute("spendReport", imports.run(name, in, dryRun));
                }
            }
        } catch (SpendImportException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("spendError", e.getMessage());
        }
        fill(model, null);
        return "mix";
    }

    /** Stores a lift test entered on the page; a test that cannot be one is shown with the reason. */
    @PostMapping("/lift-tests")
    String addLiftTest(@RequestParam String channel, @RequestParam String from, @RequestParam String to,
                       @RequestParam String incremental, @RequestParam String lower, @RequestParam String upper,
                       @RequestParam(required = false) @Nullable String note, @Nullable Principal principal,
                       Model model, HttpServletResponse response) {
        try {
            LiftTest test = new LiftTest(channel.strip(),
                    LocalDate.parse(from), LocalDate.parse(to), number(incremental), number(lower), number(upper));
            store.addLiftTest(test, note == null || note.isBlank() ? null : note.strip(), clock.instant(),
                    MixController.actor(principal));
            return "redirect:/mix";
        } catch (IllegalArgumentException | DateTimeParseException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("liftError", e.getMessage());
            fill(model, null);
            return "mix";
        }
    }

    /** A number as typed in a form field, with a decimal point or comma. */
    private static double number(String text) {
        try {
            return Double.parseDouble(text.strip().replace(',', '.'));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is no number");
        }
    }

    @PostMapping("/lift-tests/{id}/delete")
    String deleteLiftTest(@PathVariable long id) {
        store.deleteLiftTest(id);
        return "redirect:/mix";
    }

    @PostMapping("/fits")
    String fit(@RequestParam(defaultValue = "revenue") String outcome,
               @RequestParam(defaultValue = "geometric") String adstock,
               @RequestParam(defaultValue = "hill") String saturation, @Nullable Principal principal) {
        models.startFit(new FitRequest(outcome, adstock, saturation, null, null, null, null, null),
                MixController.actor(principal));
        return "redirect:/mix";
    }

    /** The running fit's state, polled by the page; once it has ended the page reloads. */
    @GetMapping("/fits/{id}/status")
    String status(@PathVariable long id, Model model, HttpServletResponse response) {
        FitSummary fit = models.fit(id).orElseThrow(() -> new MixNotFoundException("There is no fit " + id + "."));
        if (!fit.status().equals("running")) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("running", fit);
        return "mix :: running";
    }

    /** The allocator: the recommended split and its forecast for the form's budget, bounds and locks. */
    @PostMapping("/allocate")
    String allocate(@RequestParam long fit, @RequestParam MultiValueMap<String, String> form, Model model) {
        try {
            LocalDate start = LocalDate.parse(first(form, "start", LocalDate.now().toString()));
            int weeks = Integer.parseInt(first(form, "weeks", "4"));
            double budget = Double.parseDouble(first(form, "budget", "0"));
            Map<String, BudgetQuestion.Bounds> bounds = new LinkedHashMap<>();
            List<String> channels = models.fit(fit).map(FitSummary::channels).orElse(List.of());
            List<String> locked = form.getOrDefault("locked", List.of());
            for (String channel : channels) {
                String min = form.getFirst("min." + channel);
                String max = form.getFirst("max." + channel);
                if (min != null && max != null && !min.isBlank() && !max.isBlank()) {
                    bounds.put(channel, new BudgetQuestion.Bounds(Double.parseDouble(min), Double.parseDouble(max)));
                }
            }
            model.addAttribute("answer", models.recommend(fit, BudgetQuestion.split(start, weeks, budget,
                    null, bounds, locked)));
        } catch (IllegalArgumentException | MixNotFoundException e) {
            // Answered with 200 all the same: htmx swaps only successful answers into the page.
            model.addAttribute("allocationError", e.getMessage());
        }
        return "mix :: allocation";
    }

    private static String first(MultiValueMap<String, String> form, String name, String fallback) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    /** Attribution of the last 90 days beside the model, loaded after the page. */
    @GetMapping("/attribution")
    String attribution(Model model) {
        LocalDate today = LocalDate.now(clock.withZone(OrderQueries.ZONE));
        model.addAttribute("attribution", json.convertValue(attribution.compare(today.minusDays(89), today),
                Map.class));
        return "mix :: attribution";
    }
}
