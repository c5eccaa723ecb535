package io.lotse.server.mix;

import io.lotse.engine.mix.LiftTest;
import io.lotse.engine.mix.MixResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.node.ObjectNode;

/** The admin API of the marketing-mix model: spend, lift tests, fits, results, curves, allocation, attribution. */
@RestController
@RequestMapping("/api/v1/mix")
@Tag(name = "Marketing mix", description = "Spend, model fits, response curves, budget allocation, attribution")
@SecurityRequirement(name = "adminToken")
class MixController {

    private final SpendImports imports;
    private final SpendStore spend;
    private final ControlImports controlImports;
    private final ControlStore controls;
    private final MixModels models;
    private final FitStore store;
    private final MixAttribution attribution;
    private final Clock clock = Clock.systemUTC();

    MixController(SpendImports imports, SpendStore spend, ControlImports controlImports, ControlStore controls,
                  MixModels models, FitStore store, MixAttribution attribution) {
        this.imports = imports;
        this.spend = spend;
        this.controlImports = controlImports;
        this.controls = controls;
        this.models = models;
        this.store = store;
        this.attribution = attribution;
    }

    static String actor(@Nullable Principal principal) {
        return principal == null ? "system" : principal.getName();
    }

    // ---- spend

    @Operation(summary = "Import spend per week and channel from a CSV or Excel file (multipart field 'file')",
            description = "Long format (week, channel, spend[, impressions]) or wide (week and a column per "
                    + "channel); German or English headers; days are summed into ISO weeks. A week and channel "
                    + "imported again takes the new value. dryRun=true stores nothing.")
    @PostMapping(value = "/spend", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    SpendImports.Report uploadSpend(@RequestPart("file") MultipartFile file,
                                    @RequestParam(defaultValue = "false") boolean dryRun,
                                    @RequestParam(required = false) @Nullable String filename) throws IOException {
        String name = filename != null && !filename.isBlank() ? filename : file.getOriginalFilename();
        try (InputStream in = file.getInputStream()) {
            return imports.run(requireName(name), in, dryRun);
        }
    }

    @Operation(summary = "Import spend sent as the raw request body",
            description = "The format comes from ?filename= or the Content-Disposition header: .csv, .csv.gz, .xlsx.")
    @PostMapping("/spend")
    SpendImports.Report rawSpend(@RequestParam(defaultValue = "false") boolean dryRun,
                                 @RequestParam(required = false) @Nullable String filename,
                                 @RequestHeader(name = HttpHeaders.CONTENT_DISPOSITION, required = false)
                                 @Nullable String disposition, HttpServletRequest request) throws IOException {
        return imports.run(requireName(sentName(filename, disposition)), request.getInputStream(), dryRun);
    }

    /** The name of a file sent as the raw body: {@code ?filename=}, else the {@code Content-Disposition} one. */
    private static @Nullable String sentName(@Nullable String filename, @Nullable String disposition) {
        return (filename == null || filename.isBlank()) && disposition != null
                ? ContentDisposition.parse(disposition).getFilename() : filename;
    }

    private static String requireName(@Nullable String name) {
        if (name == null || name.isBlank()) {
            throw new SpendImportException("The file name is missing, so its format is unknown: pass "
                    + "?filename=... (.csv, .csv.gz or .xlsx).");
        }
        String base = name.strip();
        return base.substring(Math.max(base.lastIndexOf('/'), base.lastIndexOf('\\')) + 1);
    }

    @Operation(summary = "Spend stored per channel: first and last week, weeks and total")
    @GetMapping("/spend")
    Map<String, List<SpendStore.ChannelTotal>> spend() {
        return Map.of("channels", spend.totals());
    }

    // ---- control variables

    @Operation(summary = "Import control variables per week from a CSV or Excel file (multipart field 'file')",
            description = "Promotions, prices or anything else besides paid media that moves the outcome. Wide "
                    + "(week and a column per control) or long (week, control, value); numbers, percentages or "
                    + "yes/no; several rows of a week (days) are averaged. Every later fit uses the stored controls "
                    + "unless its request names others; weeks without a value count as 0. dryRun=true stores nothing.")
    @PostMapping(value = "/controls", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ControlImports.Report uploadControls(@RequestPart("file") MultipartFile file,
                                         @RequestParam(defaultValue = "false") boolean dryRun,
                                         @RequestParam(required = false) @Nullable String filename)
            throws IOException {
        String name = filename != null && !filename.isBlank() ? filename : file.getOriginalFilename();
        try (InputStream in = file.getInputStream()) {
            return controlImports.run(requireName(name), in, dryRun);
        }
    }

    @Operation(summary = "Import control variables sent as the raw request body",
            description = "The format comes from ?filename= or the Content-Disposition header: .csv, .csv.gz, .xlsx.")
    @PostMapping("/controls")
    ControlImports.Report rawControls(@RequestParam(defaultValue = "false") boolean dryRun,
                                      @RequestParam(required = false) @Nullable String filename,
                                      @RequestHeader(name = HttpHeaders.CONTENT_DISPOSITION, required = false)
                                      @Nullable String disposition, HttpServletRequest request) throws IOException {
        return controlImports.run(requireName(sentName(filename, disposition)), request.getInputStream(), dryRun);
    }

    @Operation(summary = "Control variables stored: first and last week, weeks with a value and the average")
    @GetMapping("/controls")
    Map<String, List<ControlStore.ControlSummary>> controls() {
        return Map.of("controls", controls.summaries());
    }

    @Operation(summary = "Delete a control variable with all its weeks")
    @DeleteMapping("/controls/{name}")
    ResponseEntity<Void> deleteControl(@PathVariable String name) {
        if (!controls.delete(name)) {
            throw new MixNotFoundException("There is no control variable '" + name + "'.");
        }
        return ResponseEntity.noContent().build();
    }

    // ---- lift tests

    /**
     * A lift test to store.
     *
     * @param channel     the tested channel
     * @param from        first day
     * @param to          last day
     * @param incremental the measured incremental outcome
     * @param lower       lower end of its interval
     * @param upper       upper end
     * @param note        what it was
     */
    record LiftTestRequest(String channel, LocalDate from, LocalDate to, double incremental, double lower,
                           double upper, @Nullable String note) {
    }

    @Operation(summary = "Store a lift test or geo experiment result; later fits are calibrated by it")
    @PostMapping("/lift-tests")
    ResponseEntity<FitStore.StoredLiftTest> addLiftTest(@RequestBody LiftTestRequest request,
                                                        @Nullable Principal principal) {
        LiftTest test = new LiftTest(request.channel(), request.from(), request.to(), request.incremental(),
                request.lower(), request.upper());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(store.addLiftTest(test, request.note(), clock.instant(), actor(principal)));
    }

    @Operation(summary = "The stored lift tests")
    @GetMapping("/lift-tests")
    Map<String, List<FitStore.StoredLiftTest>> liftTests() {
        return Map.of("liftTests", store.liftTests());
    }

    @Operation(summary = "Delete a lift test")
    @DeleteMapping("/lift-tests/{id}")
    ResponseEntity<Void> deleteLiftTest(@PathVariable long id) {
        if (!store.deleteLiftTest(id)) {
            throw new MixNotFoundException("There is no lift test " + id + ".");
        }
        return ResponseEntity.noContent().build();
    }

    // ---- fits

    @Operation(summary = "Fit the marketing-mix model to the stored spend and the log's orders",
            description = "Runs in the background: 202 with the fit as running; poll GET /fits/{id}. Body "
                    + "(every field optional): outcome revenue|orders, adstock geometric|weibull_cdf|weibull_pdf, "
                    + "saturation hill|logistic, holidays, controls (names of stored control variables; default all), "
                    + "liftTests, bootstrap, seed.")
    @PostMapping("/fits")
    ResponseEntity<ObjectNode> fit(@RequestBody(required = false) @Nullable FitRequest request,
                                   @Nullable Principal principal) {
        FitRequest asked = request == null ? new FitRequest(null, null, null, null, null, null, null, null) : request;
        FitSummary fit = models.startFit(asked, actor(principal));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(FitViews.summary(fit));
    }

    @Operation(summary = "The latest fits, newest first")
    @GetMapping("/fits")
    Map<String, List<ObjectNode>> fits(@RequestParam(defaultValue = "20") int limit) {
        return Map.of("fits", models.fits(Math.max(1, Math.min(100, limit))).stream().map(FitViews::summary)
                .toList());
    }

    @Operation(summary = "One fit: its state, and its results once done")
    @GetMapping("/fits/{id}")
    ObjectNode fit(@PathVariable long id) {
        FitSummary fit = models.fit(id).orElseThrow(() -> new MixNotFoundException("There is no fit " + id + "."));
        if (!fit.done()) {
            return FitViews.summary(fit);
        }
        MixResult result = requireResult(id);
        return FitViews.results(fit, result, models.currentWeeklySpend(id));
    }

    private long chosen(@Nullable Long fit) {
        if (fit != null) {
            return fit;
        }
        return models.latest().map(FitSummary::id).orElseThrow(() -> new MixNotFoundException(
                "No marketing-mix fit has finished yet: POST /api/v1/mix/fits first."));
    }

    private MixResult requireResult(long id) {
        return models.result(id).orElseThrow(() -> new MixNotFoundException("Fit " + id + " has not finished "
                + "successfully."));
    }

    @Operation(summary = "Results of a fit (default: the latest finished): per channel contribution, ROI and "
            + "marginal ROI with intervals, adstock and saturation; fit diagnostics; provenance")
    @GetMapping("/results")
    ObjectNode results(@RequestParam(required = false) @Nullable Long fit) {
        long id = chosen(fit);
        return FitViews.results(models.fit(id).orElseThrow(), requireResult(id), models.currentWeeklySpend(id));
    }

    @Operation(summary = "The outcome over time, actual and fitted, split into baseline parts and channels")
    @GetMapping("/contributions")
    ObjectNode contributions(@RequestParam(required = false) @Nullable Long fit) {
        return FitViews.contributions(requireResult(chosen(fit)));
    }

    @Operation(summary = "Response curves: outcome per week at a steady spend per week, with intervals")
    @GetMapping("/curves")
    ObjectNode curves(@RequestParam(required = false) @Nullable Long fit) {
        long id = chosen(fit);
        return FitViews.curves(requireResult(id), models.currentWeeklySpend(id));
    }

    @Operation(summary = "Recommend a budget split (default fit: the latest finished)",
            description = "Body: start (a date), weeks, budget (total over the weeks; default the current weekly "
                    + "spend times the weeks), current (spend per week by channel; default the last 13 weeks' "
                    + "average), bounds ({channel: {min, max}} per week), locked (channels); instead of "
                    + "splitting the budget, one target: targetRoi (the largest budget still returning this outcome "
                    + "per unit of spend), targetCpa (the largest budget still costing at most this per unit of "
                    + "outcome) or targetOutcome (the least budget whose paid channels bring this outcome over the "
                    + "weeks).")
    @PostMapping("/allocate")
    BudgetAnswer allocate(@RequestBody BudgetQuestion question, @RequestParam(required = false) @Nullable Long fit) {
        return models.recommend(chosen(fit), question);
    }

    // ---- attribution

    @Operation(summary = "Attribution of the log's orders to campaign touches, beside the mix model's shares",
            description = "Journeys per profile: campaign touches (context.campaign) up to 30 days before each "
                    + "order. Default span: the last 90 days.")
    @GetMapping("/attribution")
    ObjectNode attribution(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                           @Nullable LocalDate from,
                           @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
                           @Nullable LocalDate to) {
        LocalDate end = to == null ? LocalDate.now(clock.withZone(OrderQueries.ZONE)) : to;
        return attribution.compare(from == null ? end.minusDays(89) : from, end);
    }

    // ---- errors

    @ExceptionHandler(SpendImportException.class)
    ResponseEntity<ProblemDetail> badSpend(SpendImportException e) {
        return problem(HttpStatus.BAD_REQUEST, "The file cannot be imported", e.getMessage());
    }

    @ExceptionHandler(MixNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(MixNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<ProblemDetail> badRequest(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, "The request cannot be answered", e.getMessage());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, @Nullable String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail == null ? title : detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
