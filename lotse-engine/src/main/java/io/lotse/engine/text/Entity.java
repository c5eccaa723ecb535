package io.lotse.engine.text;

/**
 * Something a message names.
 *
 * @param type  what kind of thing
 * @param text  the text as written
 * @param start index of its first character in the message
 * @param end   index after its last character
 * @param value the normalised value: order numbers upper-case, emails lower-case, amounts as {@code 12.50 EUR},
 *              dates as {@code 2026-11-23}, products as the catalogue spells them
 */
public record Entity(EntityType type, String text, int start, int end, String value) {
}
