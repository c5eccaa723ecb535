package io.lotse.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.lotse.engine.recommend.DataWindow;
import io.lotse.engine.recommend.Ease;
import io.lotse.engine.recommend.HistoryScorer;
import io.lotse.engine.recommend.PersonHistory;
import io.lotse.engine.recommend.Popularity;
import io.lotse.engine.recommend.RankingMetrics;
import io.lotse.engine.recommend.TopItems;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The evaluation protocol of {@code ./lotse eval recommend}: reading a transaction file, the split, and EASE on
 * the UCI Online Retail file reproducing the independently computed NDCG@10 of 0.285.
 */
class RecommendEvaluationTest {

    private static final String FILE = "shared/data/online-retail/online_retail.csv.gz";
    private static final Instant SPLIT = Instant.parse("2011-10-01T00:00:00Z");

    /** The data file, looked for in the folders above the working directory (the module or the repository). */
    static Optional<Path> dataFile() {
        Path candidate = Path.of("").toAbsolutePath();
        for (int up = 0; up < 5 && candidate != null; up++, candidate = candidate.getParent()) {
            Path file = candidate.resolve(FILE);
            if (Files.isReadable(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    @Test
    void onlyPurchasedProductLinesOfKnownCustomersAreKept() throws IOException {
        String file = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                536365,85123A,"HOLDER, WHITE",6,2010-12-01 08:26:00,2.55,17850.0,United Kingdom
                536366,85123a,HOLDER,1,12/1/2010 9:00,2.55,17850,United Kingdom
                C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527.0,United Kingdom
                536380,POST,POSTAGE,1,2010-12-01 09:41:00,18,12583.0,France
                536381,22139,TOY,-2,2010-12-01 09:41:00,1,12583.0,France
                536382,22139,TOY,2,2010-12-01 09:41:00,1,,United Kingdom
                """;

        RetailPurchases.Result read = RetailPurchases.read(new StringReader(file));

        assertThat(read.rows()).isEqualTo(6);
        assertThat(read.lines()).extracting(RetailPurchases.Line::customer).containsExactly("17850", "17850");
        assertThat(read.lines()).extracting(RetailPurchases.Line::product).containsOnly("85123A");
        assertThat(read.lines().get(1).at()).isEqualTo(Instant.parse("2010-12-01T09:00:00Z"));
        assertThat(read.cancelled()).isEqualTo(1);
        assertThat(read.nonProduct()).isEqualTo(1);
        assertThat(read.notPositive()).isEqualTo(1);
        assertThat(read.withoutCustomer()).isEqualTo(1);
    }

    @Test
    void theTestSetsHoldOnlyTrainingCustomersAndProducts() throws IOException {
        String file = """
                InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
                1,P1,,1,2011-09-01 10:00:00,1,1.0,UK
                1,P2,,1,2011-09-01 10:00:00,1,1.0,UK
                2,P1,,1,2011-09-02 10:00:00,1,2.0,UK
                3,P1,,1,2011-10-02 10:00:00,1,1.0,UK
                3,P3,,1,2011-10-02 10:00:00,1,1.0,UK
                4,P2,,1,2011-10-03 10:00:00,1,2.0,UK
                5,P1,,1,2011-10-03 10:00:00,1,3.0,UK
                """;
        RetailPurchases.Result read = RetailPurchases.read(new StringReader(file));

        RecommendEvaluation.Split split = RecommendEvaluation.split(read.lines(), SPLIT);

        // Customer 1 (row 0) bought P1 again and the unknown P3: all {P1}, nothing new. Customer 2 (row 1) bought
        // P2, new to them. Customer 3 never bought before the split. (B, D and S would be no products.)
        assertThat(split.train().people()).isEqualTo(2);
        assertThat(split.train().items()).isEqualTo(2);
        assertThat(split.testAll()).isEqualTo(Map.of(0, Set.of(0), 1, Set.of(1)));
        assertThat(split.testNew()).isEqualTo(Map.of(1, Set.of(1)));
    }

    @Test
    void easeOnOnlineRetailReproducesTheIndependentlyComputedNdcg() throws IOException {
        Optional<Path> source = dataFile();
        Assumptions.assumeTrue(source.isPresent(), "../../" + FILE + " (relative to bench) is absent: "
                + "shared/data/online-retail is absent, so the EASE reproduction is not tested");
        RecommendEvaluation.Split split = RecommendEvaluation.split(RetailPurchases.read(source.get()).lines(), SPLIT);
        DataWindow window = DataWindow.of(split.train(), split.from(), split.to());
        int[] noCategories = new int[split.train().items()];
        Arrays.fill(noCategories, -1);

        double ease = ndcgOverAll(Ease.train(split.train(), new Ease.Parameters(200), window), split);
        double popularity = ndcgOverAll(Popularity.train(split.train(), noCategories, 0,
                Popularity.Parameters.defaults(), window), split);

        assertThat(ease).isCloseTo(0.285, within(0.005));
        assertThat(popularity).isCloseTo(0.102, within(0.005));
    }

    private static double ndcgOverAll(HistoryScorer model, RecommendEvaluation.Split split) {
        double total = 0;
        double[] scores = new double[model.items()];
        for (var entry : split.testAll().entrySet()) {
            PersonHistory history = split.train().history(entry.getKey(), SPLIT.getEpochSecond());
            model.score(history, scores);
            total += RankingMetrics.ndcg(TopItems.top(scores, 10), entry.getValue(), 10);
        }
        return total / split.testAll().size();
    }
}
