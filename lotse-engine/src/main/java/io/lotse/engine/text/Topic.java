package io.lotse.engine.text;

import java.util.List;

/**
 * A group of similar messages that fit no known intent.
 *
 * @param name     its key terms joined by " / "
 * @param keyTerms the words that set it apart from the other messages, most distinctive first
 * @param members  indices of its messages in the clustered list, the most central first
 */
public record Topic(String name, List<String> keyTerms, List<Integer> members) {

    public Topic {
        keyTerms = List.copyOf(keyTerms);
        members = List.copyOf(members);
    }
}
