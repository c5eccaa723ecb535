package io.lotse.server.engage;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * What a journey does: the trigger that lets people in and the steps they go through. A step names the step that
 * follows it ({@code next}, or its branches); without one, the step after it in the list follows, and after the last
 * step the person is done.
 *
 * @param trigger what lets a person in
 * @param steps   the steps, the first is where everyone starts
 */
record JourneyDefinition(Trigger trigger, List<Step> steps) {

    JourneyDefinition {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a journey needs at least one step");
        }
        Set<String> ids = new HashSet<>();
        for (Step step : steps) {
            if (!ids.add(step.id())) {
                throw new IllegalArgumentException("step id '" + step.id() + "' is used twice");
            }
        }
        for (Step step : steps) {
            for (String target : step.targets()) {
                if (!ids.contains(target)) {
                    throw new IllegalArgumentException("step '" + step.id() + "' leads to '" + target
                            + "', which is no step of this journey");
                }
            }
        }
    }

    /**
     * What lets a person in.
     *
     * @param kind  {@code event}, {@code segment_entered}, {@code segment_left}, {@code date} or {@code form_submitted}
     * @param value the event name, segment key, date trait (e.g. {@code birthday}) or form key
     */
    record Trigger(String kind, String value) {

        static final Set<String> KINDS = Set.of("event", "segment_entered", "segment_left", "date", "form_submitted");

        Trigger {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("a trigger's kind must be one of " + KINDS + ", was '" + kind + "'");
            }
            if (value.isBlank()) {
                throw new IllegalArgumentException("a trigger of kind '" + kind + "' needs a value");
            }
        }
    }

    Step first() {
        return steps.get(0);
    }

    Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** The step after a step without an explicit successor; empty after the last. */
    Optional<Step> after(Step step) {
        int index = steps.indexOf(step);
        return index + 1 < steps.size() ? Optional.of(steps.get(index + 1)) : Optional.empty();
    }

    /** The id of the step that follows: the named one, else the next in the list; null when the journey ends. */
    @Nullable String following(Step step, @Nullable String named) {
        if (named != null) {
            return named;
        }
        return after(step).map(Step::id).orElse(null);
    }

    /** One step of a journey. */
    sealed interface Step permits LinearStep, WaitUntil, Condition, RandomSplit, Exit {

        String id();

        /** The type name as written in a definition. */
        String type();

        /** The steps this step may lead to by name. */
        List<String> targets();

        /** Whether the step acts outside the journey's own state (sends, writes events, calls out). */
        default boolean hasEffect() {
            return false;
        }
    }

    /** A step that goes on to at most one next step. */
    sealed interface LinearStep extends Step permits Wait, SendEmail, SetTrait, Segment, Webhook, NotifySalesperson {

        /** The step that follows, or null for none. */
        @Nullable String next();

        @Override
        default List<String> targets() {
            String next = next();
            return next == null ? List.of() : List.of(next);
        }

        /** Every linear step but a wait acts outside the journey. */
        @Override
        default boolean hasEffect() {
            return true;
        }
    }

    /** Waits for a time. */
    record Wait(String id, Duration duration, @Nullable String next) implements LinearStep {
        public String type() {
            return "wait";
        }

        @Override
        public boolean hasEffect() {
            return false;
        }
    }

    /** Waits until the person does something (e.g. orders), or a timeout passes. */
    record WaitUntil(String id, String event, Duration timeout, @Nullable String onEvent, @Nullable String onTimeout)
            implements Step {
        public String type() {
            return "wait_until";
        }

        public List<String> targets() {
            return java.util.stream.Stream.of(onEvent, onTimeout).filter(java.util.Objects::nonNull).toList();
        }
    }

    /**
     * Goes one way or another by a rule about the person.
     *
     * @param rule a trait comparison ({@code {"trait": "country", "equals": "DE"}}), a score threshold
     *             ({@code {"score": "churn_risk", "above": 0.5}}), an event since entering
     *             ({@code {"event": "Order Completed"}}) or a consent ({@code {"consent": "email"}})
     */
    record Condition(String id, JsonNode rule, @Nullable String yes, @Nullable String no) implements Step {
        public String type() {
            return "condition";
        }

        public List<String> targets() {
            return java.util.stream.Stream.of(yes, no).filter(java.util.Objects::nonNull).toList();
        }
    }

    /** Sends people down branches at random in fixed shares (for tests of a journey's paths). */
    record RandomSplit(String id, List<Branch> branches) implements Step {
        RandomSplit {
            branches = List.copyOf(branches);
            int total = branches.stream().mapToInt(Branch::percent).sum();
            if (branches.size() < 2 || total != 100) {
                throw new IllegalArgumentException("random split '" + id + "' needs two or more branches whose "
                        + "percentages add up to 100, had " + total);
            }
        }

        public String type() {
            return "random_split";
        }

        public List<String> targets() {
            return branches.stream().map(Branch::next).toList();
        }
    }

    /** One branch of a random split. */
    record Branch(int percent, String next) {}

    /** Sends an email from a template. */
    record SendEmail(String id, long templateId, String topic, @Nullable String next) implements LinearStep {
        public String type() {
            return "send_email";
        }
    }

    /** Sets a trait on the person's profile. */
    record SetTrait(String id, String trait, JsonNode value, @Nullable String next) implements LinearStep {
        public String type() {
            return "set_trait";
        }
    }

    /** Adds the person to a segment or removes them from it. */
    record Segment(String id, String key, boolean add, @Nullable String next) implements LinearStep {
        public String type() {
            return add ? "add_to_segment" : "remove_from_segment";
        }
    }

    /** Calls a webhook with the person and the journey. */
    record Webhook(String id, String url, @Nullable String next) implements LinearStep {
        public String type() {
            return "webhook";
        }
    }

    /** Tells a salesperson by email about the person. */
    record NotifySalesperson(String id, String email, @Nullable String next) implements LinearStep {
        public String type() {
            return "notify_salesperson";
        }
    }

    /** Ends the journey for the person. */
    record Exit(String id) implements Step {
        public String type() {
            return "exit";
        }

        public List<String> targets() {
            return List.of();
        }
    }
}
