package io.lotse.server.importer;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.servlet.MultipartConfigFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

/**
 * Lets the upload page take real exports: form uploads up to 1 GiB, spooled to disk beyond 1 MiB (Spring Boot's
 * default would refuse anything over 1 MiB). The raw-body API, which the command line uses, streams without
 * such a limit.
 */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    static final DataSize MAX_UPLOAD = DataSize.ofGigabytes(1);

    @Bean
    MultipartConfigElement multipartConfigElement() {
        MultipartConfigFactory factory = new MultipartConfigFactory();
        factory.setMaxFileSize(MAX_UPLOAD);
        factory.setMaxRequestSize(MAX_UPLOAD);
        factory.setFileSizeThreshold(DataSize.ofMegabytes(1));
        return factory.createMultipartConfig();
    }
}
