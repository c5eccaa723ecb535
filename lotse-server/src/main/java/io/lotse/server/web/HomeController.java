package io.lotse.server.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The dashboard, the first page after signing in. */
@Controller
class HomeController {

    private final DashboardQueries queries;

    HomeController(DashboardQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("dashboard", queries.dashboard());
        return "dashboard";
    }
}
