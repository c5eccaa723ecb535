package io.lotse.server.engage;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class LoggedOrderRevenueTest {

    private final JsonMapper json = JsonMapper.builder().build();

    private BigDecimal revenueOf(String properties) {
        return new EngageLog.Event(1, "track", "Order Completed", 7L, Instant.EPOCH, properties).revenue(json);
    }

    @Test
    void anOrderCountsItsRevenueElseItsTotal() {
        assertThat(revenueOf("{\"revenue\":59.8,\"total\":64.75}")).isEqualByComparingTo("59.8");
        assertThat(revenueOf("{\"total\":64.75}")).isEqualByComparingTo("64.75");
    }

    @Test
    void missingTextualAndImplausibleAmountsCountAsNothing() {
        assertThat(revenueOf("{}")).isEqualByComparingTo("0");
        assertThat(revenueOf("{\"revenue\":\"59.80\"}")).isEqualByComparingTo("0");
        assertThat(revenueOf("{\"revenue\":1e20}")).isEqualByComparingTo("0");
        assertThat(revenueOf("{\"revenue\":-1e12}")).isEqualByComparingTo("0");
        assertThat(revenueOf("{\"revenue\":999999999999.99}")).isEqualByComparingTo("999999999999.99");
    }
}
