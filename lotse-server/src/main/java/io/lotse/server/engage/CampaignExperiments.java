package io.lotse.server.engage;

import io.lotse.engine.experiment.AbTestAnalysis;
import io.lotse.engine.experiment.BayesianAbTest;
import io.lotse.engine.experiment.Incrementality;
import io.lotse.engine.experiment.VariantCounts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The results of a campaign's experiment and holdout: the Bayesian analysis of its variants (chance to beat the
 * control, credible interval of the lift) by the plan's metric, and the incrementality of the whole campaign
 * against its holdout (people who bought within the attribution window, whether they clicked or not).
 */
@Component
class CampaignExperiments {

    private final VariantChooser chooser;
    private final JdbcClient jdbc;

    CampaignExperiments(VariantChooser chooser, JdbcClient jdbc) {
        this.chooser = chooser;
        this.jdbc = jdbc;
    }

    /**
     * The results; {@code variants} is absent without an experiment, {@code incrementality} without a holdout.
     */
    Map<String, Object> results(Campaign campaign) {
        Map<String, Object> answer = new LinkedHashMap<>();
        ExperimentPlan plan = campaign.experiment();
        if (plan != null) {
            List<VariantCounts> counts = chooser.armCounts(campaign, plan);
            AbTestAnalysis analysis = BayesianAbTest.analyse(counts, plan.control(), campaign.id());
            answer.put("mode", plan.mode());
            answer.put("metric", plan.metric());
            answer.put("analysis", analysis);
            answer.put("winner", analysis.winner(0.95).map(v -> v.name()).orElse(null));
        }
        Incrementality incrementality = incrementality(campaign);
        if (incrementality != null) {
            answer.put("incrementality", incrementality);
        }
        return answer;
    }

    private @Nullable Incrementality incrementality(Campaign campaign) {
        if (campaign.holdoutPercent() == 0) {
            return null;
        }
        long[][] counts = new long[2][2];
        jdbc.sql("""
                SELECT d.status = 'held_out', count(*),
                       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM engage_conversions c WHERE c.delivery_id = d.id))
                FROM engage_deliveries d WHERE d.campaign_id = ? AND d.status IN ('sent', 'bounced', 'held_out')
                GROUP BY 1""")
                .param(campaign.id()).query((rs, n) -> {
                    long[] row = counts[rs.getBoolean(1) ? 1 : 0];
                    row[0] = rs.getLong(2);
                    row[1] = rs.getLong(3);
                    return null;
                }).list();
        return Incrementality.of(new VariantCounts("treated", counts[0][0], counts[0][1]),
                new VariantCounts("holdout", counts[1][0], counts[1][1]), campaign.id());
    }
}
