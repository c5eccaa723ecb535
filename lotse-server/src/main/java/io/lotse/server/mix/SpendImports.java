package io.lotse.server.mix;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

/** Imports spend files: reads the whole file first, then stores its weeks; a dry run stores nothing. */
@Service
class SpendImports {

    private final SpendStore store;
    private final Clock clock = Clock.systemUTC();

    SpendImports(SpendStore store) {
        this.store = store;
    }

    /**
     * The report of a spend import.
     *
     * @param fileName     the file
     * @param format       csv, csv.gz or xlsx
     * @param layout       long (a row per week and channel) or wide (a column per channel)
     * @param dryRun       whether nothing was stored
     * @param rows         data rows read
     * @param imported     rows taken
     * @param rejected     rows not taken
     * @param rejectedRows each with line, reason code and text (the first 100)
     * @param weeks        weeks in the file
     * @param firstWeek    the first (a Monday), null without any
     * @param lastWeek     the last
     * @param channels     channels in the file
     * @param totalSpend   spend in the file
     * @param stored       week-and-channel values written (new or replaced)
     */
    record Report(String fileName, String format, String layout, boolean dryRun, long rows, long imported,
                  long rejected, List<SpendFile.Rejected> rejectedRows, int weeks, @Nullable LocalDate firstWeek,
                  @Nullable LocalDate lastWeek, List<String> channels, BigDecimal totalSpend, int stored) {
    }

    Report run(String fileName, InputStream body, boolean dryRun) throws IOException {
        byte[] bytes = SpendFile.upload(body, "spend per week and channel never needs that much.");
        SpendFile.Content content = SpendFile.read(fileName, bytes);
        Set<String> channels = new LinkedHashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Map<String, BigDecimal> week : content.weeks().values()) {
            channels.addAll(week.keySet());
            for (BigDecimal amount : week.values()) {
                total = total.add(amount);
            }
        }
        int stored = dryRun ? 0 : store.save(content, fileName, clock.instant());
        return new Report(fileName, content.format(), content.layout(), dryRun, content.rows(),
                content.rows() - content.rejected().size(), content.rejected().size(),
                SpendFile.listed(content.rejected()), content.weeks().size(),
                content.weeks().isEmpty() ? null : content.weeks().firstKey(),
                content.weeks().isEmpty() ? null : content.weeks().lastKey(), List.copyOf(channels), total, stored);
    }
}
