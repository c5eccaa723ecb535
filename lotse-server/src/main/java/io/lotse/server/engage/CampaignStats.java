package io.lotse.server.engage;

import java.math.BigDecimal;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a campaign is doing.
 *
 * @param byStatus        deliveries per status
 * @param sent            messages the SMTP server accepted
 * @param heldOut         people deliberately left out (the holdout)
 * @param uniqueClicks    people who clicked a link
 * @param clicks          all clicks
 * @param uniqueOpens     people whose mail client loaded the pixel: unreliable, because privacy proxies load every
 *                        pixel and many clients load none; shown for completeness, never used for decisions
 * @param unsubscribes    people who unsubscribed from this campaign's messages
 * @param complaints      spam reports
 * @param bounces         hard bounces
 * @param conversions     orders attributed to the campaign (last click within the attribution window)
 * @param revenue         their revenue
 * @param complaintRate   complaints per message sent
 * @param p99RenderMs     99th percentile of the time to render and compose one message, when known
 */
record CampaignStats(Map<String, Long> byStatus, long sent, long heldOut, long uniqueClicks, long clicks,
                     long uniqueOpens, long unsubscribes, long complaints, long bounces, long conversions,
                     BigDecimal revenue, double complaintRate, @Nullable Double p99RenderMs) {}
