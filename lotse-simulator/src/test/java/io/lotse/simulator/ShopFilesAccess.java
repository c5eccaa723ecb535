package io.lotse.simulator;

import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Lets tests in other packages read a shop's events. */
public final class ShopFilesAccess {

    private ShopFilesAccess() {}

    public static List<JsonNode> events(Path directory) {
        return ShopFiles.jsonLines(directory.resolve("events.jsonl"));
    }
}
