package io.lotse.server.importer;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** The upload page of the UI: choose a file, see the mapping and first rows on a dry run, then the report. */
@Controller
@RequestMapping("/imports")
class ImportPageController {

    static final int SHOWN_ROWS = 100;
    private static final int LISTED_IMPORTS = 20;

    private final Importer importer;
    private final ImportStore store;

    ImportPageController(Importer importer, ImportStore store) {
        this.importer = importer;
        this.store = store;
    }

    @GetMapping
    String page(Model model) {
        form(model, "contacts", true, "", "");
        recent(model);
        return "imports";
    }

    @GetMapping("/{id}")
    String stored(@PathVariable long id, Model model, HttpServletResponse response) {
        form(model, "contacts", true, "", "");
        recent(model);
        Optional<ImportReport> report = store.report(id);
        if (report.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("error", null);
            model.addAttribute("notFound", id);
            return "imports";
        }
        show(model, report.get());
        return "imports";
    }

    @PostMapping
    String upload(@RequestParam(defaultValue = "contacts") String kind,
                  @RequestParam(defaultValue = "false") boolean dryRun,
                  @RequestParam(defaultValue = "") String map,
                  @RequestParam(defaultValue = "") String currency,
                  @RequestParam(name = "file", required = false) @Nullable MultipartFile file,
                  Model model, HttpServletResponse response) {
        form(model, kind, dryRun, map, currency);
        try {
            if (file == null || file.isEmpty() && (file.getOriginalFilename() == null
                    || file.getOriginalFilename().isBlank())) {
                throw new ImportException("Choose a file to import.");
            }
            List<String> pairs = Arrays.stream(map.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            var request = new Importer.Request(ImportKind.parse(kind), ImportController.baseName(file.getOriginalFilename()),
                    dryRun, ImportOptions.overrides(pairs), ImportOptions.currency(currency), ImportOptions.zone(null));
            TableReader.formatOf(request.fileName());
            try (InputStream in = file.getInputStream()) {
                show(model, importer.run(request, in));
            }
        } catch (ImportException e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            model.addAttribute("error", e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        recent(model);
        return "imports";
    }

    private void form(Model model, String kind, boolean dryRun, String map, String currency) {
        model.addAttribute("kind", kind);
        model.addAttribute("dryRun", dryRun);
        model.addAttribute("map", map);
        model.addAttribute("currency", currency);
    }

    /** The latest imports, read after an upload so that it is among them. */
    private void recent(Model model) {
        model.addAttribute("recent", store.list(LISTED_IMPORTS));
    }

    private static void show(Model model, ImportReport report) {
        model.addAttribute("report", report);
        model.addAttribute("rejectedShown", report.rejectedRows().subList(0, Math.min(SHOWN_ROWS,
                report.rejectedRows().size())));
        model.addAttribute("warningsShown", report.warningRows().subList(0, Math.min(SHOWN_ROWS,
                report.warningRows().size())));
    }
}
