package io.lotse.server.service;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Checks that what a channel delivered is a readable message. */
final class MessageText {

    private MessageText() {}

    /**
     * Decodes bytes as UTF-8, refusing malformed input instead of replacing it.
     *
     * @throws InvalidServiceMessageException when the bytes are not UTF-8
     */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidServiceMessageException("the request body is not valid UTF-8; send text in UTF-8"
                    + " (declare another charset only in the channels that support it, such as email)");
        }
    }

    /**
     * The message text, checked: not empty, at most {@code maxChars}, and free of binary content (NUL and other
     * control characters except tab and line breaks, or the replacement character left by a wrong decoding).
     *
     * @throws InvalidServiceMessageException with the reason
     */
    static String check(String text, int maxChars) {
        if (text.isBlank()) {
            throw new InvalidServiceMessageException("the message is empty");
        }
        if (text.length() > maxChars) {
            throw new InvalidServiceMessageException("the message has " + text.length() + " characters; at most "
                    + maxChars + " are accepted");
        }
        int controls = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new InvalidServiceMessageException("the message contains NUL characters: it looks binary, "
                        + "not like text");
            }
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                controls++;
            }
            if (c == '\uFFFD') {
                throw new InvalidServiceMessageException("the message contains U+FFFD replacement characters: it "
                        + "was decoded with the wrong character encoding");
            }
        }
        if (controls > 0) {
            throw new InvalidServiceMessageException("the message contains " + controls
                    + " control characters: it looks binary, not like text");
        }
        return text.strip();
    }
}
