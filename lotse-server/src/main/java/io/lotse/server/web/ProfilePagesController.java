package io.lotse.server.web;

import io.lotse.server.predict.Predictions;
import io.lotse.server.profile.Profile;
import io.lotse.server.profile.Profiles;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Profile search and the profile page. htmx requests get only the part of the page that changes; without
 * JavaScript the same addresses serve whole pages.
 */
@Controller
@RequestMapping("/profiles")
class ProfilePagesController {

    private static final int SEARCH_LIMIT = 50;
    static final int TIMELINE_PAGE = 25;
    private static final int MAX_QUERY_LENGTH = 200;
    private static final String HTMX_REQUEST = "HX-Request";
    private static final String HTMX_HISTORY_RESTORE = "HX-History-Restore-Request";

    private final Profiles profiles;
    private final Predictions predictions;

    ProfilePagesController(Profiles profiles, Predictions predictions) {
        this.profiles = profiles;
        this.predictions = predictions;
    }

    @GetMapping
    String search(@RequestParam(defaultValue = "") String q,
                  @RequestHeader(name = HTMX_REQUEST, required = false) @Nullable String htmx,
                  @RequestHeader(name = HTMX_HISTORY_RESTORE, required = false) @Nullable String historyRestore,
                  Model model, HttpServletResponse response) {
        String query = q.length() > MAX_QUERY_LENGTH ? q.substring(0, MAX_QUERY_LENGTH) : q;
        model.addAttribute("query", query);
        model.addAttribute("results", profiles.search(query, SEARCH_LIMIT));
        model.addAttribute("limit", SEARCH_LIMIT);
        response.addHeader(HttpHeaders.VARY, HTMX_REQUEST);
        boolean onlyResults = "true".equals(htmx) && !"true".equals(historyRestore);
        return onlyResults ? "profiles :: results" : "profiles";
    }

    @GetMapping("/{id}")
    ModelAndView profile(@PathVariable long id, @RequestParam(required = false) @Nullable Long before) {
        Optional<Profile> found = profiles.find(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        Profile profile = found.get();
        if (profile.id() != id) {
            return new ModelAndView("redirect:/profiles/" + profile.id());
        }
        ModelAndView page = new ModelAndView("profile",
                Map.of("profile", ProfilePage.of(profile, timelinePage(id, before))));
        page.addObject("prediction", predictions.forProfile(id).orElse(null));
        return page;
    }

    /** The next page of the timeline, for the "load more" button. */
    @GetMapping("/{id}/timeline")
    ModelAndView olderEvents(@PathVariable long id, @RequestParam(required = false) @Nullable Long before) {
        Optional<Profile> found = profiles.find(id);
        if (found.isEmpty()) {
            return notFound(id);
        }
        long liveId = found.get().id();
        return new ModelAndView("profile :: timeline-page",
                Map.of("profileId", liveId, "timeline", timelinePage(liveId, before)));
    }

    private ProfilePage.Timeline timelinePage(long id, @Nullable Long before) {
        return ProfilePage.Timeline.of(profiles.timeline(id, before, TIMELINE_PAGE + 1), TIMELINE_PAGE);
    }

    /** A profile address whose id is not a number cannot name a profile either. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView malformedId() {
        return new ModelAndView("error/404", HttpStatus.NOT_FOUND);
    }

    private static ModelAndView notFound(long id) {
        return new ModelAndView("error/404", Map.of("profileId", id), HttpStatus.NOT_FOUND);
    }
}
