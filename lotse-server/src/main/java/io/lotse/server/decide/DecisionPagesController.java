package io.lotse.server.decide;

import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** The decision inbox and card pages of the UI: read, approve, edit or reject; audit trail and actuals. */
@Controller
@RequestMapping("/decisions")
class DecisionPagesController {

    private static final int LISTED = 50;

    private final Decisions decisions;
    private final JsonMapper json;

    DecisionPagesController(Decisions decisions, JsonMapper json) {
        this.decisions = decisions;
        this.json = json;
    }

    @GetMapping
    String inbox(Model model) {
        model.addAttribute("proposed", decisions.list("proposed", LISTED));
        model.addAttribute("decided", decisions.list(null, LISTED).stream()
                .filter(c -> !c.status().equals("proposed")).toList());
        model.addAttribute("activePlan", decisions.activePlan().orElse(null));
        return "decisions";
    }

    @PostMapping("/propose")
    String propose(@Nullable Principal principal, RedirectAttributes redirect) {
        try {
            CardView card = decisions.propose(null, null, null, DecisionController.actor(principal, null));
            return "redirect:/decisions/" + card.id();
        } catch (DecisionException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/decisions";
        }
    }

    @GetMapping("/{id}")
    String card(@PathVariable long id, Model model, HttpServletResponse response) {
        var card = decisions.view(id);
        if (card.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("notFound", id);
            return "decision";
        }
        model.addAttribute("card", card.get());
        model.addAttribute("plan", json.writeValueAsString(card.get().plan()));
        return "decision";
    }

    @PostMapping("/{id}/approve")
    String approve(@PathVariable long id, @RequestParam(defaultValue = "") String comment,
                   @Nullable Principal principal, RedirectAttributes redirect) {
        return act(id, redirect, () -> decisions.approve(id, DecisionController.actor(principal, null), comment));
    }

    @PostMapping("/{id}/edit")
    String edit(@PathVariable long id, @RequestParam MultiValueMap<String, String> form,
                @Nullable Principal principal, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            Map<String, Double> plan = new LinkedHashMap<>();
            for (Map.Entry<String, java.util.List<String>> field : form.entrySet()) {
                if (field.getKey().startsWith("plan.") && !field.getValue().isEmpty()
                        && !field.getValue().get(0).isBlank()) {
                    try {
                        plan.put(field.getKey().substring(5), Double.parseDouble(field.getValue().get(0).strip()
                                .replace(',', '.')));
                    } catch (NumberFormatException e) {
                        throw new DecisionException(DecisionException.Kind.BAD_REQUEST, "'" + field.getValue().get(0)
                                + "' is no amount for " + field.getKey().substring(5) + ".");
                    }
                }
            }
            return decisions.edit(id, plan, DecisionController.actor(principal, null), form.getFirst("comment"));
        });
    }

    @PostMapping("/{id}/reject")
    String reject(@PathVariable long id, @RequestParam(defaultValue = "") String comment,
                  @Nullable Principal principal, RedirectAttributes redirect) {
        return act(id, redirect, () -> decisions.reject(id, DecisionController.actor(principal, null), comment));
    }

    private static String act(long id, RedirectAttributes redirect, java.util.function.Supplier<CardView> action) {
        try {
            action.get();
        } catch (DecisionException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/decisions/" + id;
    }
}
