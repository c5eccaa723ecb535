package io.lotse.server.recommend;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Products marked inactive or out of stock, for the placement rules. */
@Component
class ProductFlagStore {

    private final JdbcClient jdbc;

    ProductFlagStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, ProductCatalogue.Flags> all() {
        Map<String, ProductCatalogue.Flags> flags = new HashMap<>();
        jdbc.sql("SELECT product_id, active, in_stock FROM recommend_products")
                .query((rs, row) -> flags.put(rs.getString(1), new ProductCatalogue.Flags(rs.getBoolean(2),
                        rs.getBoolean(3))))
                .list();
        return flags;
    }

    void put(String productId, ProductCatalogue.Flags flags) {
        if (flags.equals(ProductCatalogue.Flags.DEFAULT)) {
            jdbc.sql("DELETE FROM recommend_products WHERE product_id = ?").param(productId).update();
            return;
        }
        jdbc.sql("""
                        INSERT INTO recommend_products (product_id, active, in_stock, updated_at) VALUES (?, ?, ?, ?)
                        ON CONFLICT (product_id) DO UPDATE
                        SET active = excluded.active, in_stock = excluded.in_stock, updated_at = excluded.updated_at""")
                .params(productId, flags.active(), flags.inStock(), Timestamp.from(Instant.now())).update();
    }
}
