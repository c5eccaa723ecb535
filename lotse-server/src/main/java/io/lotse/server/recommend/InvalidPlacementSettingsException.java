package io.lotse.server.recommend;

import java.util.List;

/** Placement settings that cannot be stored, with every problem found. */
final class InvalidPlacementSettingsException extends RuntimeException {

    private final List<String> problems;

    InvalidPlacementSettingsException(List<String> problems) {
        super(String.join("; ", problems), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
