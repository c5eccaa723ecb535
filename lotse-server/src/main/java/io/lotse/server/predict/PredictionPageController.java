package io.lotse.server.predict;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The predictions page of the UI: the distribution of RFM segments, lifetime value and churn risk, the most
 * valuable customers, the training runs with their provenance and a button to retrain now. While a run is in
 * progress, htmx reloads the list of runs every two seconds.
 */
@Controller
@RequestMapping("/predictions")
class PredictionPageController {

    private static final int LISTED_RUNS = 20;

    private final PredictionOverview overview;
    private final ModelRuns runs;
    private final ModelTraining training;

    PredictionPageController(PredictionOverview overview, ModelRuns runs, ModelTraining training) {
        this.overview = overview;
        this.runs = runs;
        this.training = training;
    }

    @GetMapping
    String page(@RequestParam(required = false) @Nullable Long started,
                @RequestParam(required = false) @Nullable Long busy, Model model) {
        model.addAttribute("overview", overview.overview());
        model.addAttribute("started", started);
        model.addAttribute("busy", busy);
        runs(model);
        return "predictions";
    }

    /**
     * The list of runs alone, for htmx to poll while a run is in progress; once none is, the whole page reloads
     * so that its figures show the new scores.
     */
    @GetMapping("/runs")
    String runList(Model model, HttpServletResponse response) {
        runs(model);
        if (!Boolean.TRUE.equals(model.getAttribute("running"))) {
            response.setHeader("HX-Refresh", "true");
        }
        return "predictions :: runs";
    }

    @PostMapping("/models")
    String retrain(RedirectAttributes redirect) {
        try {
            redirect.addAttribute("started", training.start("ui", new TrainingWindow(null, Instant.now())));
        } catch (TrainingInProgressException e) {
            redirect.addAttribute("busy", e.runningId() == null ? 0 : e.runningId());
        }
        return "redirect:/predictions";
    }

    private void runs(Model model) {
        List<ModelRun> latest = runs.latest(LISTED_RUNS);
        model.addAttribute("runs", latest);
        model.addAttribute("running", latest.stream().anyMatch(ModelRun::running));
    }
}
