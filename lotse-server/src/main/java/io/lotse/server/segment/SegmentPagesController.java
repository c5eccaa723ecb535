package io.lotse.server.segment;

import io.lotse.engine.segment.Figure;
import io.lotse.engine.segment.Operator;
import io.lotse.engine.segment.ParsedRule;
import io.lotse.engine.segment.RuleError;
import io.lotse.engine.segment.RuleJson;
import io.lotse.engine.segment.RuleProblem;
import io.lotse.engine.segment.Score;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The segment pages of the UI: the list, a segment's page (size over time, newest members, versions, export) and
 * the builder, which edits a rule as boxes and shows the size of what it selects as the rule changes. htmx
 * requests get the changed part only; without JavaScript the same addresses serve whole pages.
 */
@Controller
@RequestMapping("/segments")
class SegmentPagesController {

    static final int NEWEST_MEMBERS = 20;
    private static final int HISTORY_DAYS = 30;
    private static final String HTMX_REQUEST = "HX-Request";

    private final Segments segments;
    private final SegmentSuggestions suggestions;
    private final RuleCodec rules;
    private final JsonMapper json;

    SegmentPagesController(Segments segments, SegmentSuggestions suggestions, RuleCodec rules, JsonMapper json) {
        this.segments = segments;
        this.suggestions = suggestions;
        this.rules = rules;
        this.json = json;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("segments", segments.list(false));
        return "segments";
    }

    @GetMapping("/new")
    String create(Model model) {
        BuilderNode root = new BuilderNode("n0", BuilderNode.GROUP);
        root.add("n0", "trait");
        builder(model, null, "", "", "", root.renumber(), null);
        return "segment-builder";
    }

    @GetMapping("/{key}")
    String segment(@PathVariable String key, Model model) {
        Segment segment = found(key);
        model.addAttribute("segment", segment);
        model.addAttribute("history", segments.history(key, Duration.ofDays(HISTORY_DAYS)));
        model.addAttribute("members", segments.newestMembers(key, NEWEST_MEMBERS));
        model.addAttribute("historyDays", HISTORY_DAYS);
        return "segment";
    }

    @GetMapping("/{key}/edit")
    String edit(@PathVariable String key, Model model) {
        Segment segment = found(key);
        BuilderNode root = BuilderNode.of(rules.parse(segment.rule()).toOptional().orElseThrow()).renumber();
        builder(model, key, segment.key(), segment.name(), segment.description(), root, null);
        preview(model, root, key);
        return "segment-builder";
    }

    /**
     * A change to the boxes: add a condition or group of the kind chosen in {@code <group id>.newKind}
     * ({@code add:<group id>}), remove one
     * ({@code remove:<id>}) or read the rule from its JSON ({@code json}). Answers the builder with a fresh preview.
     */
    @PostMapping("/builder")
    String change(@RequestParam MultiValueMap<String, String> form,
                  @RequestHeader(name = HTMX_REQUEST, required = false) @Nullable String htmx, Model model) {
        BuilderNode root = BuilderNode.read(form);
        String action = form.getFirst("action") == null ? "" : form.getFirst("action");
        List<RuleError> jsonErrors = List.of();
        if (action.startsWith("add:")) {
            String groupId = action.substring("add:".length());
            String kind = text(form, groupId + ".newKind");
            if (kind.equals(BuilderNode.GROUP) || BuilderNode.CONDITION_KINDS.contains(kind)) {
                root.add(groupId, kind);
            }
        } else if (action.startsWith("remove:")) {
            root.remove(action.substring("remove:".length()));
        } else if (action.equals("json")) {
            BuilderNode fromJson = fromJson(text(form, "ruleJson"));
            if (fromJson == null) {
                jsonErrors = List.of(RuleError.of("/rule", RuleProblem.NOT_AN_OBJECT));
            } else {
                root = fromJson;
            }
        }
        String editing = text(form, "editing");
        builder(model, editing.isEmpty() ? null : editing, text(form, "key"), text(form, "name"),
                text(form, "description"), root.renumber(), null);
        preview(model, root, editing);
        if (!jsonErrors.isEmpty()) {
            model.addAttribute("jsonProblem", true);
        }
        return "true".equals(htmx) ? "segment-builder :: builder" : "segment-builder";
    }

    /** The live count: what the rule in the form selects now. */
    @PostMapping("/preview")
    String preview(@RequestParam MultiValueMap<String, String> form, Model model) {
        BuilderNode root = BuilderNode.read(form);
        String editing = text(form, "editing");
        preview(model, root, editing);
        return "segment-builder :: preview";
    }

    /** Saves a new segment, or a new version of the one being edited. */
    @PostMapping("/save")
    ModelAndView save(@RequestParam MultiValueMap<String, String> form, @Nullable Principal principal, Model model,
                      HttpServletResponse response) {
        BuilderNode root = BuilderNode.read(form).renumber();
        String editing = text(form, "editing");
        JsonNode rule = json.valueToTree(root.toTree(""));
        SegmentDraft draft = new SegmentDraft(text(form, "key").isEmpty() ? null : text(form, "key"),
                text(form, "name"), text(form, "description"), rule);
        String by = principal == null ? null : principal.getName();
        try {
            Segment saved = editing.isEmpty() ? segments.create(draft, by) : segments.update(editing, draft, by);
            return new ModelAndView("redirect:/segments/" + saved.key());
        } catch (Segments.Rejected e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            List<RuleError> others = root.attach(e.errors(), "/rule");
            builder(model, editing.isEmpty() ? null : editing, text(form, "key"), text(form, "name"),
                    text(form, "description"), root, others);
            return new ModelAndView("segment-builder", model.asMap());
        } catch (Segments.Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            builder(model, editing.isEmpty() ? null : editing, text(form, "key"), text(form, "name"),
                    text(form, "description"), root, List.of());
            model.addAttribute("conflict", e.getMessage());
            return new ModelAndView("segment-builder", model.asMap());
        }
    }

    @PostMapping("/{key}/evaluate")
    String evaluate(@PathVariable String key) {
        segments.evaluate(key);
        return "redirect:/segments/" + key;
    }

    @PostMapping("/{key}/archive")
    String archive(@PathVariable String key, Model model, HttpServletResponse response) {
        try {
            segments.archive(key);
            return "redirect:/segments";
        } catch (Segments.Conflict e) {
            response.setStatus(HttpStatus.CONFLICT.value());
            segment(key, model);
            model.addAttribute("conflict", e.getMessage());
            return "segment";
        }
    }

    /** The members as CSV, for the export link of the segment page. */
    @GetMapping("/{key}/members.csv")
    void export(@PathVariable String key, HttpServletResponse response) throws IOException {
        found(key);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"segment-" + key + ".csv\"");
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        segments.exportMembers(key, out);
        out.flush();
    }

    @ExceptionHandler(Segments.NotFound.class)
    ModelAndView notFound(Segments.NotFound e) {
        return new ModelAndView("error/404", Map.of("segmentMissing", true), HttpStatus.NOT_FOUND);
    }

    private Segment found(String key) {
        return segments.find(key).orElseThrow(() -> new Segments.NotFound("There is no segment '" + key + "'."));
    }

    private @Nullable BuilderNode fromJson(String text) {
        try {
            ParsedRule parsed = rules.parse(json.readTree(text));
            return parsed.toOptional().map(rule -> BuilderNode.of(rule)).orElse(null);
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private void preview(Model model, BuilderNode root, String editing) {
        JsonNode rule = json.valueToTree(root.toTree(""));
        try {
            model.addAttribute("preview", segments.preview(rule, editing.isEmpty() ? null : editing));
        } catch (Segments.Rejected e) {
            List<PreviewProblem> problems = new ArrayList<>();
            for (RuleError error : e.errors()) {
                BuilderNode owner = root.owner(error, "/rule");
                problems.add(new PreviewProblem(owner == null ? BuilderNode.GROUP : owner.kind, error));
            }
            model.addAttribute("previewErrors", problems);
        } catch (Segments.TooSlow e) {
            model.addAttribute("previewTooSlow", true);
        }
    }

    private void builder(Model model, @Nullable String editing, String key, String name, String description,
                         BuilderNode root, @Nullable List<RuleError> formErrors) {
        if (formErrors != null) {
            root.toTree("");
        }
        model.addAttribute("editing", editing);
        model.addAttribute("key", key);
        model.addAttribute("name", name);
        model.addAttribute("description", description);
        model.addAttribute("root", root);
        model.addAttribute("formErrors", formErrors == null ? List.of() : formErrors);
        model.addAttribute("ruleJson", ruleJson(root));
        model.addAttribute("options", new Options(
                Arrays.stream(Operator.values()).map(Operator::wireName).toList(),
                List.of("eq", "neq", "gt", "gte", "lt", "lte"),
                Arrays.stream(Figure.values()).map(Figure::wireName).toList(),
                Arrays.stream(Score.values()).map(Score::wireName).toList(),
                Score.RFM_SEGMENTS,
                List.of("eq", "neq", "gt", "gte", "lt", "lte", "exists"),
                List.of("eq", "neq", "in", "exists"),
                segments.list(false).stream().map(Segment::key).filter(k -> !k.equals(editing)).toList(),
                suggestions.events(), suggestions.traits(), suggestions.consentPurposes()));
    }

    private String ruleJson(BuilderNode root) {
        Object tree = root.toTree("");
        ParsedRule parsed = RuleJson.parse(tree);
        Object canonical = parsed.toOptional().<Object>map(RuleJson::toTree).orElse(tree);
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(canonical);
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value.strip();
    }

    /**
     * A problem that keeps the preview from counting.
     *
     * @param kind  the kind of the box it is in ({@code group} for the rule as a whole)
     * @param error the problem
     */
    record PreviewProblem(String kind, RuleError error) {}

    /**
     * The choices the builder offers.
     *
     * @param traitOperators   operators of trait conditions
     * @param figureOperators  operators of figure conditions
     * @param figures          figure names
     * @param scores           score names
     * @param rfmSegments      RFM segment names
     * @param scoreOperators   operators of numeric scores
     * @param rfmOperators     operators of the RFM segment
     * @param segmentKeys      segments a rule may refer to
     * @param events           event names seen so far
     * @param traits           trait names seen on recently active profiles
     * @param consentPurposes  consent purposes seen on recently active profiles
     */
    record Options(List<String> traitOperators, List<String> figureOperators, List<String> figures,
                   List<String> scores, List<String> rfmSegments, List<String> scoreOperators,
                   List<String> rfmOperators, List<String> segmentKeys, List<String> events, List<String> traits,
                   List<String> consentPurposes) {}
}
