package io.lotse.server.segment;

import io.lotse.engine.segment.ParsedRule;
import io.lotse.engine.segment.Rule;
import io.lotse.engine.segment.RuleError;
import io.lotse.engine.segment.RuleJson;
import io.lotse.engine.segment.RuleProblem;
import io.lotse.engine.segment.SegmentCondition;
import io.lotse.engine.segment.SegmentDependencies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Segments: creating and changing them (every change of the rule is a new version), finding out who is in them,
 * and keeping their members current.
 *
 * <p>Members follow the latest rule. They are brought up to date for the whole population when a rule is
 * saved, at start-up, every {@code lotse.segments.full-evaluation-interval} and on {@link #evaluateAll()}; between
 * those, for the profiles that events changed, within seconds. Every entry and exit is recorded and published as
 * {@link SegmentMembershipChanged}.
 */
@Service
public class Segments {

    /** How many members a preview shows. */
    public static final int PREVIEW_SAMPLE = 20;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_DESCRIPTION_LENGTH = 2_000;
    private static final Logger log = LoggerFactory.getLogger(Segments.class);
    private static final String QUERY_CANCELED = "57014";

    private final SegmentStore store;
    private final RuleCodec rules;
    private final SegmentEvaluator evaluator;
    private final ChangedProfiles changed;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final TransactionTemplate separateTransactions;
    private final ApplicationEventPublisher publisher;
    private final SegmentSettings settings;

    Segments(SegmentStore store, RuleCodec rules, SegmentEvaluator evaluator, ChangedProfiles changed,
             JdbcClient jdbc, PlatformTransactionManager transactionManager, ApplicationEventPublisher publisher,
             SegmentSettings settings) {
        this.store = store;
        this.rules = rules;
        this.evaluator = evaluator;
        this.changed = changed;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.separateTransactions = new TransactionTemplate(transactionManager);
        this.separateTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.publisher = publisher;
        this.settings = settings;
    }

    /** Active segments by name, or the archived ones. */
    public List<Segment> list(boolean archived) {
        return store.list(archived).stream().map(this::view).toList();
    }

    public Optional<Segment> find(String key) {
        return store.find(key).map(this::view);
    }

    /**
     * Creates a segment with its first version and evaluates it.
     *
     * @param createdBy who creates it, for the version history
     * @throws Rejected when the draft or its rule has problems (all of them are listed)
     * @throws Conflict when a segment with the key exists, archived ones included
     */
    public Segment create(SegmentDraft draft, @Nullable String createdBy) {
        List<RuleError> errors = new ArrayList<>();
        String name = name(draft.name(), errors);
        String description = description(draft.description(), errors);
        String key = draft.key() != null ? draft.key().trim() : slug(name);
        if (key.isEmpty()) {
            errors.add(RuleError.of("/key", RuleProblem.MISSING, "key"));
        } else if (!SegmentCondition.isKey(key)) {
            errors.add(RuleError.of("/key", RuleProblem.BAD_SEGMENT_KEY, key));
        }
        Rule rule = rule(draft.rule(), errors);
        StoredSegment created = transactions.execute(status -> {
            store.lockRules();
            if (rule != null && SegmentCondition.isKey(key)) {
                errors.addAll(checkReferences(rule, key));
            }
            if (!errors.isEmpty()) {
                throw new Rejected(errors);
            }
            if (store.find(key).isPresent()) {
                throw new Conflict("A segment with the key '" + key + "' exists already"
                        + (store.archivedKeys().contains(key) ? " (archived)" : "") + "; choose another key.");
            }
            Instant now = Instant.now();
            try {
                long id = store.insert(key, name, description, now);
                store.addVersion(id, 1, rules.toText(rule), now, createdBy);
            } catch (DuplicateKeyException e) {
                throw new Conflict("A segment with the key '" + key + "' exists already; choose another key.");
            }
            return store.find(key).orElseThrow();
        });
        evaluateSaved(created);
        return find(key).orElseThrow();
    }

    /**
     * Changes a segment: name and description as given (kept when absent), and the rule, which becomes a new
     * version when it differs from the latest; the members are then evaluated against it.
     *
     * @throws NotFound when there is no such segment
     * @throws Conflict when it is archived
     * @throws Rejected when the draft or its rule has problems
     */
    public Segment update(String key, SegmentDraft draft, @Nullable String updatedBy) {
        List<RuleError> errors = new ArrayList<>();
        String name = draft.name() == null ? null : name(draft.name(), errors);
        String description = draft.description() == null ? null : description(draft.description(), errors);
        Rule rule = draft.rule() == null ? null : rule(draft.rule(), errors);
        Saved saved = transactions.execute(status -> {
            store.lockRules();
            StoredSegment current = store.find(key).orElseThrow(() -> notFound(key));
            if (!current.active()) {
                throw new Conflict("Segment '" + key + "' is archived; create a new segment instead.");
            }
            if (rule != null) {
                errors.addAll(checkReferences(rule, key));
            }
            if (!errors.isEmpty()) {
                throw new Rejected(errors);
            }
            store.describe(current.id(), name == null ? current.name() : name,
                    description == null ? current.description() : description);
            boolean newVersion = rule != null && !rule.equals(current.rule());
            if (newVersion) {
                store.addVersion(current.id(), current.version() + 1, rules.toText(rule), Instant.now(), updatedBy);
            }
            return new Saved(store.find(key).orElseThrow(), newVersion);
        });
        if (saved.newVersion()) {
            evaluateSaved(saved.segment());
        }
        return find(key).orElseThrow();
    }

    private record Saved(StoredSegment segment, boolean newVersion) {}

    /**
     * Archives a segment: it keeps its versions and history but loses its members and is no longer evaluated.
     *
     * @throws NotFound when there is no such segment
     * @throws Conflict when active segments refer to it
     */
    public void archive(String key) {
        transactions.executeWithoutResult(status -> {
            store.lockRules();
            StoredSegment segment = store.find(key).orElseThrow(() -> notFound(key));
            if (!segment.active()) {
                return;
            }
            List<String> users = store.active().stream()
                    .filter(s -> RuleJson.segmentReferences(s.rule()).stream().anyMatch(r -> r.key().equals(key)))
                    .map(StoredSegment::key).toList();
            if (!users.isEmpty()) {
                throw new Conflict("Segment '" + key + "' is used by " + users.stream().map(u -> "'" + u + "'")
                        .collect(Collectors.joining(", ")) + "; change those first.");
            }
            store.archive(segment.id(), Instant.now());
        });
    }

    /**
     * Who a rule selects now, without storing anything; cancelled after {@code lotse.segments.preview-timeout}.
     *
     * @param editedKey the segment being edited, if any, so that a rule referring to itself is refused
     * @throws Rejected    when the rule has problems (paths start with {@code /rule})
     * @throws TooSlow when the preview was cancelled
     */
    public SegmentPreview preview(@Nullable JsonNode rule, @Nullable String editedKey) {
        List<RuleError> errors = new ArrayList<>();
        Rule parsed = rule(rule, errors);
        if (parsed != null) {
            errors.addAll(checkReferences(parsed, editedKey));
        }
        if (!errors.isEmpty()) {
            throw new Rejected(errors);
        }
        long started = System.nanoTime();
        SqlRule sql = SqlRule.compile(parsed, activeIds(store.active()), Instant.now(), false);
        long[] size = {0};
        List<SegmentMember> sample;
        try {
            sample = transactions.execute(status -> {
                SegmentEvaluator.settle(jdbc);
                jdbc.sql("SELECT set_config('statement_timeout', ?, true)")
                        .param(settings.previewTimeout().toMillis() + "ms").query((rs, row) -> true).list();
                return jdbc.sql("SELECT " + SegmentStore.MEMBER_COLUMNS + ", p.last_seen, count(*) OVER ()"
                                + " FROM " + sql.from() + " WHERE " + sql.where(false)
                                + " ORDER BY p.last_seen DESC, p.id LIMIT " + PREVIEW_SAMPLE)
                        .params(sql.parameters())
                        .query((rs, row) -> {
                            size[0] = rs.getLong(6);
                            return SegmentStore.member(rs, row);
                        })
                        .list();
            });
        } catch (DataAccessException e) {
            if (e.getMostSpecificCause() instanceof SQLException sqlError
                    && QUERY_CANCELED.equals(sqlError.getSQLState())) {
                throw new TooSlow("The preview took longer than " + settings.previewTimeout().toSeconds()
                        + " s and was cancelled. Narrow the rule, or save it: saved segments are evaluated without"
                        + " this limit.");
            }
            throw e;
        }
        return new SegmentPreview(size[0], sample, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Evaluates one segment against all live profiles now.
     *
     * @throws NotFound when there is no such segment
     * @throws Conflict when it is archived
     */
    public SegmentEvaluation evaluate(String key) {
        for (int attempt = 0; ; attempt++) {
            StoredSegment segment = store.find(key).orElseThrow(() -> notFound(key));
            if (!segment.active()) {
                throw new Conflict("Segment '" + key + "' is archived.");
            }
            List<StoredSegment> active = store.active();
            Optional<SegmentEvaluator.Outcome> outcome = evaluator.evaluate(segment, activeIds(active), null);
            if (outcome.isPresent()) {
                passOnToDependents(segment, active, outcome.get());
                return outcome.get().evaluation();
            }
            if (attempt == 2) {
                throw new Conflict("Segment '" + key + "' kept changing while it was evaluated; try again.");
            }
        }
    }

    /**
     * Evaluates every active segment against all live profiles, each after the segments its rule refers to. To
     * be called after something changed that events do not announce, such as new scores.
     */
    public void evaluateAll() {
        List<StoredSegment> active = store.active();
        Map<String, Long> ids = activeIds(active);
        for (StoredSegment segment : inEvaluationOrder(active)) {
            try {
                evaluator.evaluate(segment, ids, null);
            } catch (RuntimeException e) {
                log.error("Evaluating segment '{}' failed", segment.key(), e);
            }
        }
        store.thinSizes(Instant.now());
    }

    /** Re-evaluates every active segment for some profiles only; what the membership worker does. */
    void evaluateChanged(Collection<Long> profileIds) {
        List<StoredSegment> active = store.active();
        Map<String, Long> ids = activeIds(active);
        for (StoredSegment segment : inEvaluationOrder(active)) {
            try {
                evaluator.evaluate(segment, ids, profileIds);
            } catch (RuntimeException e) {
                log.error("Updating segment '{}' for {} profiles failed; the next full evaluation repairs it",
                        segment.key(), profileIds.size(), e);
            }
        }
    }

    /** Deletes the memberships and history of erased profiles, announcing that they left. */
    void forget(Set<Long> profileIds) {
        Instant now = Instant.now();
        List<SegmentStore.Membership> gone = separateTransactions.execute(status -> store.forget(profileIds));
        for (SegmentStore.Membership membership : gone) {
            publisher.publishEvent(new SegmentMembershipChanged(membership.segmentId(), membership.segmentKey(),
                    membership.profileId(), false, now));
        }
    }

    /**
     * A page of members in profile id order.
     *
     * @param afterProfileId the last profile id of the previous page, 0 for the first
     * @throws NotFound when there is no such segment
     */
    public List<SegmentMember> members(String key, long afterProfileId, int limit) {
        return store.members(segment(key).id(), afterProfileId, limit);
    }

    /** The members who entered most recently, newest first. */
    public List<SegmentMember> newestMembers(String key, int limit) {
        return store.newestMembers(segment(key).id(), limit);
    }

    /**
     * Writes every member as CSV ({@code profile_id,user_id,email,entered_at}), streamed in profile id order.
     * Values starting with {@code = + - @} get a leading apostrophe, so that spreadsheets do not run them.
     *
     * @return how many members were written
     * @throws NotFound when there is no such segment
     */
    public long exportMembers(String key, Appendable out) {
        long id = segment(key).id();
        long[] count = {0};
        transactions.executeWithoutResult(status -> {
            try {
                CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                        .setHeader("profile_id", "user_id", "email", "entered_at").setRecordSeparator("\n").get());
                store.eachMember(id, member -> {
                    try {
                        csv.printRecord(member.profileId(), cell(member.userId()), cell(member.email()),
                                member.since());
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                csv.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return count[0];
    }

    private static String cell(@Nullable String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    /**
     * Every version of the rule and the size over a recent period, ending with the size now.
     *
     * @throws NotFound when there is no such segment
     */
    public SegmentHistory history(String key, Duration period) {
        StoredSegment segment = segment(key);
        Instant now = Instant.now();
        Instant since = now.minus(period);
        List<SegmentHistory.SizePoint> sizes = new ArrayList<>(store.sizes(segment.id(),
                since.isBefore(segment.createdAt()) ? segment.createdAt() : since));
        sizes.add(new SegmentHistory.SizePoint(now, segment.size()));
        return new SegmentHistory(store.versions(segment.id()), sizes);
    }

    private StoredSegment segment(String key) {
        return store.find(key).orElseThrow(() -> notFound(key));
    }

    /** Evaluates a segment whose rule was just saved; a failure leaves it to the next evaluation. */
    private void evaluateSaved(StoredSegment segment) {
        try {
            List<StoredSegment> active = store.active();
            evaluator.evaluate(segment, activeIds(active), null)
                    .ifPresent(outcome -> passOnToDependents(segment, active, outcome));
        } catch (RuntimeException e) {
            log.error("Evaluating segment '{}' after it was saved failed; the next full evaluation retries",
                    segment.key(), e);
        }
    }

    /** Profiles that entered or left a segment may enter or leave the segments referring to it. */
    private void passOnToDependents(StoredSegment segment, List<StoredSegment> active,
                                    SegmentEvaluator.Outcome outcome) {
        boolean referred = active.stream().anyMatch(s -> RuleJson.segmentReferences(s.rule()).stream()
                .anyMatch(r -> r.key().equals(segment.key())));
        if (referred && outcome.changed()) {
            changed.add(outcome.entered());
            changed.add(outcome.left());
        }
    }

    private static List<StoredSegment> inEvaluationOrder(List<StoredSegment> active) {
        Map<String, StoredSegment> byKey = active.stream()
                .collect(Collectors.toMap(StoredSegment::key, Function.identity()));
        return SegmentStore.dependencies(active).evaluationOrder().stream().map(byKey::get).toList();
    }

    private static Map<String, Long> activeIds(List<StoredSegment> active) {
        Map<String, Long> ids = new LinkedHashMap<>();
        active.forEach(segment -> ids.put(segment.key(), segment.id()));
        return ids;
    }

    /** References to unknown or archived segments, and circles a segment's new rule would close. */
    private List<RuleError> checkReferences(Rule rule, @Nullable String key) {
        List<RuleJson.SegmentReference> references = RuleJson.segmentReferences(rule);
        if (references.isEmpty()) {
            return List.of();
        }
        List<StoredSegment> active = store.active();
        Set<String> activeKeys = active.stream().map(StoredSegment::key).collect(Collectors.toSet());
        Set<String> archived = store.archivedKeys();
        List<RuleError> errors = new ArrayList<>();
        for (RuleJson.SegmentReference reference : references) {
            if (archived.contains(reference.key())) {
                errors.add(RuleError.of("/rule" + reference.path(), RuleProblem.ARCHIVED_SEGMENT, reference.key()));
            } else if (!activeKeys.contains(reference.key()) && !reference.key().equals(key)) {
                errors.add(RuleError.of("/rule" + reference.path(), RuleProblem.UNKNOWN_SEGMENT, reference.key()));
            }
        }
        if (key != null) {
            SegmentDependencies dependencies = SegmentStore.dependencies(active);
            Set<String> keys = references.stream().map(RuleJson.SegmentReference::key).collect(Collectors.toSet());
            dependencies.circleThrough(key, keys).ifPresent(circle -> {
                RuleJson.SegmentReference closing = references.stream()
                        .filter(r -> r.key().equals(circle.get(1))).findFirst().orElseThrow();
                errors.add(RuleError.of("/rule" + closing.path(), RuleProblem.SEGMENT_CYCLE,
                        String.join(" → ", circle)));
            });
        }
        return errors;
    }

    private @Nullable Rule rule(@Nullable JsonNode rule, List<RuleError> errors) {
        if (rule == null || rule.isNull() || rule.isMissingNode()) {
            errors.add(RuleError.of("/rule", RuleProblem.MISSING, "rule"));
            return null;
        }
        ParsedRule parsed = rules.parse(rule);
        parsed.errors().forEach(e -> errors.add(new RuleError("/rule" + e.path(), e.problem(), e.arguments())));
        return parsed.rule();
    }

    private static String name(@Nullable String name, List<RuleError> errors) {
        String trimmed = name == null ? "" : name.trim();
        if (name == null) {
            errors.add(RuleError.of("/name", RuleProblem.MISSING, "name"));
        } else if (trimmed.isEmpty()) {
            errors.add(RuleError.of("/name", RuleProblem.BLANK, "name"));
        } else if (trimmed.length() > MAX_NAME_LENGTH) {
            errors.add(RuleError.of("/name", RuleProblem.TOO_LONG, "name", MAX_NAME_LENGTH));
        }
        return trimmed;
    }

    private static String description(@Nullable String description, List<RuleError> errors) {
        String trimmed = description == null ? "" : description.trim();
        if (trimmed.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(RuleError.of("/description", RuleProblem.TOO_LONG, "description", MAX_DESCRIPTION_LENGTH));
        }
        return trimmed;
    }

    /** A key from a name: {@code Kunden in Köln (aktiv)} becomes {@code kunden-in-koeln-aktiv}. */
    static String slug(String name) {
        String german = name.toLowerCase(Locale.ROOT).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("ß", "ss");
        String ascii = Normalizer.normalize(german, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("-+$", "");
        }
        return slug;
    }

    private Segment view(StoredSegment segment) {
        return new Segment(segment.key(), segment.name(), segment.description(), segment.version(),
                rules.toJson(segment.rule()), segment.size(), segment.createdAt(), segment.updatedAt(),
                segment.evaluatedAt(), segment.archivedAt());
    }

    private static NotFound notFound(String key) {
        return new NotFound("There is no segment '" + key + "'.");
    }

    /** The draft or its rule has problems; all of them are listed, each with its path in the request. */
    public static final class Rejected extends RuntimeException {

        private final List<RuleError> errors;

        Rejected(List<RuleError> errors) {
            super(errors.size() == 1 ? errors.get(0).message()
                    : errors.size() + " problems, the first: " + errors.get(0).message(), null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<RuleError> errors() {
            return errors;
        }
    }

    /** No segment has the key. */
    public static final class NotFound extends RuntimeException {
        NotFound(String message) {
            super(message, null, false, false);
        }
    }

    /** The change contradicts the segment's state: the key is taken, it is archived, or others use it. */
    public static final class Conflict extends RuntimeException {
        Conflict(String message) {
            super(message, null, false, false);
        }
    }

    /** A preview exceeded its time limit and was cancelled. */
    public static final class TooSlow extends RuntimeException {
        TooSlow(String message) {
            super(message, null, false, false);
        }
    }
}
