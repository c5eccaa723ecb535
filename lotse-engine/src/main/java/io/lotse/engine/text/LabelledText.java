package io.lotse.engine.text;

/**
 * A text with its intent, as labelled by a person.
 *
 * @param text  the message
 * @param label its intent (or the out-of-scope label)
 */
public record LabelledText(String text, String label) {

    public LabelledText {
        if (label.isBlank()) {
            throw new IllegalArgumentException("a label must not be blank");
        }
    }
}
