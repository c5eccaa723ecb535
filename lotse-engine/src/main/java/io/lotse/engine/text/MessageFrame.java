package io.lotse.engine.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The frame around a written customer message: the greeting it opens with ("Hallo zusammen,", "Dear Sir or
 * Madam,") and the closing it ends with ("Viele Grüße\nAda", "Kind regards"), in German and English. The frame
 * says nothing about the request but is a large share of a short message's words, so the intent model reads the
 * message without it.
 */
public final class MessageFrame {

    private static final String GREETINGS = "hallo zusammen|hallo|hi there|hi|hey|hello team|hello|guten morgen|"
            + "guten tag|guten abend|moin moin|moin|servus|grüß gott|sehr geehrte damen und herren|sehr geehrte|"
            + "sehr geehrter|liebes service-team|liebes team|liebe|lieber|dear customer service|dear sir or madam|"
            + "dear team|dear|good morning|good afternoon|good evening";
    private static final String CLOSINGS = "vielen dank und viele grüße|vielen dank im voraus|danke im voraus|"
            + "viele grüße|liebe grüße|beste grüße|freundliche grüße|mit freundlichen grüßen|mfg|lg|vg|gruß|grüße|"
            + "kind regards|best regards|warm regards|regards|thanks in advance|many thanks|best wishes|cheers|"
            + "thank you|thanks|sincerely|yours sincerely";

    /** A greeting, at most two more words (a name), then a comma, an exclamation mark or the end of the line. */
    private static final Pattern GREETING = Pattern.compile("^\\s*(?:" + GREETINGS
            + ")(?:[ \\t]+[\\p{L}.'-]+){0,2}[ \\t]*(?:[,!]+|(?=\\R)|$)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /**
     * A closing at the end, after a line break or a sentence, optionally followed by one short line (a name). The
     * whitespace before it is matched possessively: a run of blank lines costs no backtracking.
     */
    private static final Pattern CLOSING = Pattern.compile("(?:^|(?<=[.!?\\n]))\\s*+(?:" + CLOSINGS
            + ")[ \\t]*[.!,]*[ \\t]*(?:\\R[ \\t]*[\\p{L} .'-]{1,40})?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** How far from the end a closing may start. */
    private static final int CLOSING_REACH = 160;

    private MessageFrame() {}

    /**
     * The message without its greeting and closing, trimmed; the whole message (trimmed) when nothing else would
     * remain, so that "Thank you!" stays what it is.
     */
    public static String strip(String text) {
        String body = text;
        Matcher greeting = GREETING.matcher(body);
        if (greeting.find()) {
            body = body.substring(greeting.end());
        }
        body = body.stripTrailing();
        // A closing and its name line fit in the last characters; looking there only keeps long texts cheap.
        Matcher closing = CLOSING.matcher(body).region(Math.max(0, body.length() - CLOSING_REACH), body.length())
                .useTransparentBounds(true).useAnchoringBounds(false);
        if (closing.find()) {
            body = body.substring(0, closing.start());
        }
        body = body.strip();
        return body.isEmpty() ? text.strip() : body;
    }
}
