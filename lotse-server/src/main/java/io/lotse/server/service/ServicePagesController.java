package io.lotse.server.service;

import java.security.Principal;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The agent workspace: the queue by urgency, a ticket with its prepared context, the suggested answer (send as it
 * is or edited), intent correction; the figures per intent with automation switches; the friction lists.
 */
@Controller
@RequestMapping("/service")
class ServicePagesController {

    static final int QUEUE = 100;
    static final int RECENT = 30;

    private final ServiceDesk desk;
    private final IntentSettings settings;
    private final ServiceFigures figures;
    private final IntentModel model;

    ServicePagesController(ServiceDesk desk, IntentSettings settings, ServiceFigures figures, IntentModel model) {
        this.desk = desk;
        this.settings = settings;
        this.figures = figures;
        this.model = model;
    }

    @GetMapping
    String queue(Model page) {
        page.addAttribute("queue", desk.queue(QUEUE));
        page.addAttribute("recent", desk.recent(RECENT).stream().filter(t -> !t.open()).toList());
        page.addAttribute("model", model.ready());
        return "service-queue";
    }

    @GetMapping("/tickets/{id}")
    String ticket(@PathVariable long id, Model page) {
        page.addAttribute("ticket", desk.ticket(id));
        page.addAttribute("intents", settings.all().keySet());
        return "service-ticket";
    }

    @PostMapping("/tickets/{id}/reply")
    String reply(@PathVariable long id, @RequestParam(defaultValue = "") String text, Principal agent,
            RedirectAttributes flash) {
        try {
            desk.reply(id, text, agent.getName());
            flash.addFlashAttribute("sent", true);
        } catch (IllegalStateException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/service/tickets/" + id;
    }

    @PostMapping("/tickets/{id}/intent")
    String correct(@PathVariable long id, @RequestParam String intent, Principal agent, RedirectAttributes flash) {
        try {
            desk.correct(id, intent, agent.getName());
            flash.addFlashAttribute("corrected", intent);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/service/tickets/" + id;
    }

    @PostMapping("/tickets/{id}/close")
    String close(@PathVariable long id) {
        desk.close(id);
        return "redirect:/service";
    }

    @GetMapping("/metrics")
    String metrics(@RequestParam(defaultValue = "30") int days, Model page) {
        int period = Math.max(1, Math.min(365, days));
        ServiceFigures.Metrics metrics = figures.metrics(period);
        List<ServiceFigures.IntentFigures> rows = new java.util.ArrayList<>();
        rows.add(metrics.overall());
        rows.addAll(metrics.intents());
        page.addAttribute("metrics", metrics);
        page.addAttribute("rows", rows);
        page.addAttribute("fmt", new Formats());
        page.addAttribute("automation", settings.all());
        page.addAttribute("model", model.ready());
        return "service-metrics";
    }

    @PostMapping("/intents")
    String automate(@RequestParam String intent, @RequestParam(defaultValue = "false") boolean automated,
            RedirectAttributes flash) {
        try {
            settings.set(intent, automated);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/service/metrics";
    }

    @GetMapping("/friction")
    String friction(@RequestParam(defaultValue = "30") int days, Model page) {
        ServiceFigures.Friction friction = figures.friction(Math.max(1, Math.min(365, days)));
        page.addAttribute("friction", friction);
        page.addAttribute("lists", List.of(new TopicList("automate", friction.automate()),
                new TopicList("removeCause", friction.removeCause())));
        page.addAttribute("fmt", new Formats());
        return "service-friction";
    }

    /**
     * One list of topics on the friction page.
     *
     * @param key    message key suffix
     * @param topics its topics
     */
    record TopicList(String key, List<ServiceFigures.TopicFriction> topics) {}

    /** Number formats for the templates. */
    static final class Formats {

        /** A share as a whole percentage, or a dash. */
        public String percent(@Nullable Double share) {
            return share == null ? "—" : Math.round(share * 100) + " %";
        }
    }
}
