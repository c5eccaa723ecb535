package io.lotse.server.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one database of Lotse: the embedded PostgreSQL by default, or an external one given by URL.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @Nullable EmbeddedDatabase embeddedDatabase(LotseProperties properties) {
        return properties.embeddedDatabase() ? EmbeddedDatabase.start(properties.dataDir()) : null;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(LotseProperties properties, ObjectProvider<EmbeddedDatabase> embedded) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("lotse");
        config.setMaximumPoolSize(20);
        // Multi-row inserts instead of one round trip per row in JDBC batches (profiles, identities, history).
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        EmbeddedDatabase database = embedded.getIfAvailable();
        if (database != null) {
            config.setJdbcUrl(database.jdbcUrl());
            config.setUsername("postgres");
        } else {
            applyExternalUrl(config, properties.databaseUrl());
        }
        return new HikariDataSource(config);
    }

    /** Accepts {@code jdbc:postgresql://...} as well as the libpq form {@code postgresql://user:pass@host/db}. */
    static void applyExternalUrl(HikariConfig config, @Nullable String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("lotse.database-url is empty");
        }
        if (url.startsWith("jdbc:postgresql:")) {
            config.setJdbcUrl(url);
            return;
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "lotse.database-url must start with postgresql:// or jdbc:postgresql://, was: " + redact(url));
        }
        URI uri = URI.create(url);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            String[] parts = userInfo.split(":", 2);
            config.setUsername(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
            if (parts.length == 2) {
                config.setPassword(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
            }
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        config.setJdbcUrl("jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query);
    }

    private static String redact(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    /** Makes Flyway and everything else wait for the embedded database. */
    @Bean
    static org.springframework.beans.factory.config.BeanFactoryPostProcessor dataSourceDependsOnEmbedded() {
        return factory -> {
            if (factory.containsBeanDefinition("dataSource") && factory.containsBeanDefinition("embeddedDatabase")) {
                factory.getBeanDefinition("dataSource").setDependsOn("embeddedDatabase");
            }
        };
    }
}
