package io.lotse.server.engage;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Watches each campaign's complaint rate (spam reports per message sent): mailbox providers start filtering a
 * sender above about 0.3%. At the warning rate (0.1%) the campaign is flagged; at the stop rate (0.3%) it is stopped
 * and its remaining messages are not sent, once it has sent enough messages for the rate to mean something.
 */
@Component
class ComplaintGuard {

    private static final Logger log = LoggerFactory.getLogger(ComplaintGuard.class);

    private final JdbcClient jdbc;
    private final CampaignStore campaigns;
    private final EngageProperties properties;

    ComplaintGuard(JdbcClient jdbc, CampaignStore campaigns, EngageProperties properties) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.properties = properties;
    }

    /** Checks a campaign after a complaint about one of its messages. */
    void onComplaint(long campaignId) {
        long sent = jdbc.sql("SELECT count(*) FROM engage_deliveries WHERE campaign_id = ? AND status IN ('sent', 'bounced')")
                .param(campaignId).query(Long.class).single();
        long complaints = jdbc.sql("SELECT count(DISTINCT delivery_id) FROM engage_interactions "
                        + "WHERE campaign_id = ? AND kind = 'complaint'")
                .param(campaignId).query(Long.class).single();
        if (sent == 0) {
            return;
        }
        double rate = (double) complaints / sent;
        String figures = String.format(Locale.ROOT, "%d complaints in %d messages (%.2f%%)", complaints, sent,
                rate * 100);
        if (rate >= properties.complaintStopRate() && sent >= properties.complaintMinimum()) {
            if (campaigns.stop(campaignId, "complaint rate at or above "
                    + percent(properties.complaintStopRate()) + ": " + figures)) {
                log.warn("Campaign {} stopped: {}", campaignId, figures);
            }
        } else if (rate >= properties.complaintWarnRate()) {
            campaigns.warn(campaignId, "complaint rate at or above " + percent(properties.complaintWarnRate())
                    + ": " + figures);
        }
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate * 100);
    }
}
