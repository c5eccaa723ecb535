package io.lotse.server.predict;

import io.lotse.server.profile.Profile;
import io.lotse.server.profile.Profiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The admin API of the prediction models: training runs and each profile's scores. */
@RestController
@Tag(name = "Predictions", description = "Lifetime value, churn risk, RFM segments and propensities")
@SecurityRequirement(name = "adminToken")
class PredictionController {

    private static final int MAX_LIST = 100;

    private final ModelTraining training;
    private final ModelRuns runs;
    private final Predictions predictions;
    private final Profiles profiles;
    private final ZoneId zone;

    PredictionController(ModelTraining training, ModelRuns runs, Predictions predictions, Profiles profiles,
                         PredictProperties settings) {
        this.training = training;
        this.runs = runs;
        this.predictions = predictions;
        this.profiles = profiles;
        this.zone = settings.zone();
    }

    /**
     * The data window of a run; both ends optional, each an ISO instant or an ISO date (a start date means its
     * first instant, an end date its last day included).
     */
    record TrainingRequest(@Nullable String windowStart, @Nullable String windowEnd) {}

    @Operation(summary = "Train the prediction models now",
            description = "Starts a training run on the data window (default: the whole history until now) and "
                    + "answers 202 with its id; GET the run to follow it. With wait=true the run happens within "
                    + "the request: 201 with the finished run, or 422 problem details when the data are not enough "
                    + "(the run is recorded as failed with the reason). 409 while another run is in progress.")
    @PostMapping("/api/v1/predictions/models")
    ResponseEntity<?> train(@RequestBody(required = false) @Nullable TrainingRequest request,
                            @RequestParam(defaultValue = "false") boolean wait) {
        TrainingWindow window = window(request, zone, Instant.now());
        if (!wait) {
            long id = training.start("api", window);
            return ResponseEntity.accepted().location(location(id))
                    .body(Map.of("id", id, "status", ModelRun.RUNNING, "href", location(id).toString()));
        }
        ModelRun run = training.runNow("api", window);
        ModelRun.Failure failure = run.failure();
        if (failure == null) {
            return ResponseEntity.created(location(run.id())).body(run);
        }
        boolean notEnoughData = "not-enough-data".equals(failure.type());
        HttpStatus status = notEnoughData ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, failure.detail());
        problem.setTitle(notEnoughData ? "Not enough data to train" : "Training failed");
        problem.setInstance(location(run.id()));
        problem.setProperty("runId", run.id());
        return problem(problem);
    }

    @Operation(summary = "The latest training runs with their provenance and metrics, newest first")
    @GetMapping("/api/v1/predictions/models")
    Map<String, List<ModelRun>> list(@RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > MAX_LIST) {
            throw new BadPredictionRequestException("limit must be between 1 and " + MAX_LIST + ".");
        }
        return Map.of("models", runs.latest(limit));
    }

    @Operation(summary = "One training run: status, data window, seed, parameters, metrics or failure")
    @GetMapping("/api/v1/predictions/models/{id}")
    ModelRun run(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new PredictionNotFoundException("There is no training run " + id
                + "."));
    }

    @Operation(summary = "A profile's scores with the factors behind its propensities",
            description = "A merged profile's id answers with the surviving profile's scores. 404 when the "
                    + "profile does not exist or the last successful training run did not score it.")
    @GetMapping("/api/v1/profiles/{id}/predictions")
    ProfilePrediction forProfile(@PathVariable long id) {
        Profile profile = profiles.find(id).orElseThrow(() -> new PredictionNotFoundException("No profile " + id
                + "."));
        return predictions.forProfile(profile.id()).orElseThrow(() -> new PredictionNotFoundException(
                "Profile " + profile.id() + " has no scores yet. " + whyNoScores()));
    }

    private String whyNoScores() {
        List<ModelRun> latest = runs.latest(1);
        if (latest.isEmpty()) {
            return "No training run has happened yet: POST /api/v1/predictions/models starts one.";
        }
        ModelRun last = latest.get(0);
        if (last.running()) {
            return "Training run " + last.id() + " is in progress.";
        }
        if (last.failure() != null) {
            return "The last training run " + last.id() + " failed: " + last.failure().detail();
        }
        return "Training run " + last.id() + " found no events of it in its data window.";
    }

    /** The window of a request; ends in the future are refused, scores cannot be as of a time to come. */
    static TrainingWindow window(@Nullable TrainingRequest request, ZoneId zone, Instant now) {
        Instant start = request == null ? null : instant(request.windowStart(), "windowStart", zone, false);
        Instant end = request == null ? null : instant(request.windowEnd(), "windowEnd", zone, true);
        if (end == null) {
            end = now;
        } else if (end.isAfter(now)) {
            throw new BadPredictionRequestException("windowEnd " + end + " is in the future; scores are as of the "
                    + "end of the data window, which must have passed.");
        }
        try {
            return new TrainingWindow(start, end);
        } catch (IllegalArgumentException e) {
            throw new BadPredictionRequestException(e.getMessage() + ".");
        }
    }

    private static @Nullable Instant instant(@Nullable String text, String field, ZoneId zone, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(text.strip());
                return (end ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            } catch (DateTimeException notADate) {
                throw new BadPredictionRequestException(field + " must be an ISO instant such as "
                        + "2026-05-31T22:00:00Z or a date such as 2026-05-31, was '" + text + "'.");
            }
        }
    }

    private static URI location(long id) {
        return URI.create("/api/v1/predictions/models/" + id);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> busy(TrainingInProgressException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        problem.setTitle("Training in progress");
        if (e.runningId() != null) {
            problem.setProperty("runningId", e.runningId());
        }
        return problem(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> notFound(PredictionNotFoundException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setTitle("Not found");
        return problem(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> badRequest(BadPredictionRequestException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Invalid training request");
        return problem(problem);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    static final class PredictionNotFoundException extends RuntimeException {
        PredictionNotFoundException(String message) {
            super(message, null, false, false);
        }
    }

    static final class BadPredictionRequestException extends RuntimeException {
        BadPredictionRequestException(String message) {
            super(message, null, false, false);
        }
    }
}
