package io.lotse.server.engage;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a campaign stands. */
enum CampaignStatus {
    DRAFT, SCHEDULED, SENDING, PAUSED, STOPPED, SENT;

    @JsonValue
    String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    static CampaignStatus fromColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
