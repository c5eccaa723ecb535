package io.lotse.engine.segment;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;

/**
 * What can be wrong with a rule, each with an English message pattern ({@link MessageFormat}; the arguments
 * are those of the {@link RuleError}). A user interface in another language translates by {@link #code()}.
 */
public enum RuleProblem {
    NOT_AN_OBJECT("a condition must be a JSON object"),
    EMPTY_CONDITION("a condition needs one of {0}; it is empty"),
    NO_KIND("a condition needs one of {0}; it has {1}"),
    SEVERAL_KINDS("a condition has exactly one of {0}; found {1}"),
    UNKNOWN_FIELD("unknown field “{0}” in a {1} condition; allowed: {2}"),
    MISSING("“{0}” is missing"),
    NOT_A_LIST("“{0}” must be a list of conditions"),
    EMPTY_GROUP("an “{0}” group needs at least one condition"),
    TOO_DEEP("conditions nest at most {0} levels deep"),
    TOO_MANY_CONDITIONS("a rule has at most {0} conditions, this one has {1}"),
    NOT_TEXT("“{0}” must be a text"),
    BLANK("“{0}” must not be empty"),
    TOO_LONG("“{0}” has at most {1} characters"),
    BAD_TRAIT_PATH("“{0}” is not a trait path: names separated by single dots, such as address.city"),
    UNKNOWN_OPERATOR("unknown operator “{0}”; use one of {1}"),
    OPERATOR_NOT_APPLICABLE("operator “{0}” does not apply to “{1}”; use one of {2}"),
    VALUE_NOT_ALLOWED("operator “{0}” takes no value"),
    VALUE_NOT_NUMBER("operator “{0}” compares numbers: the value must be a number"),
    VALUE_NOT_TEXT("operator “{0}” needs a text as value"),
    VALUE_NOT_SCALAR("operator “{0}” needs a text, a number, true or false as value"),
    VALUE_NOT_LIST("operator “{0}” needs a list of values"),
    EMPTY_LIST("“{0}” needs at least one value"),
    TOO_MANY_VALUES("“{0}” holds at most {1} values"),
    NOT_WHOLE_NUMBER("“{0}” must be a whole number, was {1}"),
    OUT_OF_RANGE("“{0}” must be from {1} to {2}, was {3}"),
    BELOW_MINIMUM("“{0}” must be at least {1}, was {2}"),
    NOT_BOOLEAN("“{0}” must be true or false"),
    UNKNOWN_FIGURE("unknown figure “{0}”; use one of {1}"),
    UNKNOWN_SCORE("unknown score “{0}”; use one of {1}"),
    UNKNOWN_RFM_SEGMENT("unknown RFM segment “{0}”; use one of {1}"),
    EMPTY_COUNT_RANGE("atMost ({1}) is below atLeast ({0}), so no profile could match"),
    ALWAYS_TRUE("“at least 0 times” always holds: give atLeast of 1 or more, or atMost"),
    BAD_SEGMENT_KEY("“{0}” is not a segment key: lower-case letters, digits and dashes, starting with a letter or"
            + " digit, at most 64 characters"),
    UNKNOWN_SEGMENT("there is no segment “{0}”"),
    ARCHIVED_SEGMENT("segment “{0}” is archived"),
    SEGMENT_CYCLE("segments would refer to each other in a circle: {0}");

    private final String pattern;

    RuleProblem(String pattern) {
        this.pattern = pattern;
    }

    /** A stable name for clients and translations, e.g. {@code unknown_operator}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The English message for the arguments. */
    public String message(List<String> arguments) {
        return new MessageFormat(pattern, Locale.ROOT).format(arguments.toArray());
    }
}
