package io.lotse.engine.clv;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The CDNOW summaries in the shared data folder (../shared/data/cdnow from the project root), as published with
 * the BG/NBD: 2,357 customers, calibration period of 39 weeks, times in weeks.
 */
final class CdnowData {

    private CdnowData() {}

    /** {@code cdnow_customers_summary.csv}: ID,frequency,recency,T; skips the test when the folder is absent. */
    static List<CustomerSummary> summaries() {
        return read("cdnow_customers_summary.csv", false);
    }

    /** {@code cdnow_customers_summary_with_transactions.csv}: ID,x,t_x,T,zbar with the mean repeat value. */
    static List<CustomerSummary> summariesWithValues() {
        return read("cdnow_customers_summary_with_transactions.csv", true);
    }

    private static List<CustomerSummary> read(String name, boolean withValue) {
        Path file = folder().resolve(name);
        assumeTrue(Files.isReadable(file), "CDNOW data not found at " + file
                + ": put the shared data folder next to the project (../shared/data) to run this test");
        try {
            List<String> lines = Files.readAllLines(file);
            List<CustomerSummary> customers = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",");
                customers.add(new CustomerSummary(cells[0], Integer.parseInt(cells[1]), Double.parseDouble(cells[2]),
                        Double.parseDouble(cells[3]), withValue ? Double.parseDouble(cells[4]) : 0));
            }
            return customers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project root (the folder whose pom.xml is lotse-parent's), walking up from the working directory. */
    private static Path folder() {
        Path directory = Path.of("").toAbsolutePath();
        while (directory != null) {
            Path pom = directory.resolve("pom.xml");
            try {
                if (Files.isReadable(pom) && Files.readString(pom).contains("<artifactId>lotse-parent</artifactId>")
                        && !Files.readString(pom).contains("<parent>")) {
                    return directory.resolve("../shared/data/cdnow").normalize();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            directory = directory.getParent();
        }
        return Path.of("../shared/data/cdnow");
    }
}
