package io.lotse.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    private static final LocalDate START = LocalDate.of(2025, 3, 3);

    @TempDir
    Path temp;

    @Test
    void theSameSeedWritesByteIdenticalFiles() throws IOException {
        ShopFiles.generate(temp.resolve("a"), 300, 30, 7, START, 60);
        ShopFiles.generate(temp.resolve("b"), 300, 30, 7, START, 60);

        List<Path> files = files(temp.resolve("a"));
        assertThat(files).hasSize(16);
        assertThat(files(temp.resolve("b"))).isEqualTo(files);
        for (Path file : files) {
            assertThat(Files.mismatch(temp.resolve("a").resolve(file), temp.resolve("b").resolve(file)))
                    .as(file.toString()).isEqualTo(-1L);
        }
    }

    @Test
    void aDifferentSeedGivesADifferentShop() throws IOException {
        ShopFiles.generate(temp.resolve("a"), 300, 30, 7, START, 60);
        ShopFiles.generate(temp.resolve("b"), 300, 30, 8, START, 60);

        for (String file : List.of("events.jsonl", "contacts.csv", "orders.csv", "products.csv", "spend.csv",
                "messages.jsonl", "truth/customers.csv")) {
            assertThat(Files.mismatch(temp.resolve("a").resolve(file), temp.resolve("b").resolve(file)))
                    .as(file).isNotEqualTo(-1L);
        }
    }

    @Test
    void customerKIsTheSamePersonWhateverTheNumberOfCustomers() {
        ShopFiles.generate(temp.resolve("small"), 200, 30, 11, START, 60);
        ShopFiles.generate(temp.resolve("large"), 400, 30, 11, START, 60);

        Map<String, Map<String, String>> small = byPerson(temp.resolve("small/truth/customers.csv"));
        Map<String, Map<String, String>> large = byPerson(temp.resolve("large/truth/customers.csv"));
        assertThat(small).hasSize(200);
        assertThat(large).hasSize(400);
        small.forEach((person, row) -> assertThat(large.get(person)).as(person).isEqualTo(row));

        Map<String, String> smallIdentities = identities(temp.resolve("small/truth/identities.csv"));
        Map<String, String> largeIdentities = identities(temp.resolve("large/truth/identities.csv"));
        smallIdentities.forEach((identifier, person) -> assertThat(largeIdentities).containsEntry(identifier, person));
    }

    private static Map<String, Map<String, String>> byPerson(Path file) {
        return ShopFiles.csv(file).stream().collect(Collectors.toMap(row -> row.get("person_id"), row -> row));
    }

    private static Map<String, String> identities(Path file) {
        return ShopFiles.csv(file).stream().collect(Collectors.toMap(
                row -> row.get("identifier_type") + ":" + row.get("identifier"), row -> row.get("person_id")));
    }

    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
