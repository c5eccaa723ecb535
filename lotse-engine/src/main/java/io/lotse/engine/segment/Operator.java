package io.lotse.engine.segment;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** How a condition compares a profile's value with the rule's value. */
public enum Operator {
    EQ("eq"),
    NEQ("neq"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte"),
    CONTAINS("contains"),
    EXISTS("exists"),
    IN("in");

    /** The operators that compare two values: equality and order. */
    public static final Set<Operator> COMPARISONS = EnumSet.of(EQ, NEQ, GT, GTE, LT, LTE);
    /** The operators that order numbers. */
    public static final Set<Operator> ORDERINGS = EnumSet.of(GT, GTE, LT, LTE);

    private final String wireName;

    Operator(String wireName) {
        this.wireName = wireName;
    }

    /** The name in the rule's JSON form, e.g. {@code gte}. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Operator> fromWire(String name) {
        return Arrays.stream(values()).filter(o -> o.wireName.equals(name)).findFirst();
    }

    /** Wire names of the given operators, comma-separated, for messages. */
    static String names(Set<Operator> operators) {
        return operators.stream().map(Operator::wireName).collect(Collectors.joining(", "));
    }
}
