package io.lotse.server.platform;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description at {@code /v3/api-docs}, with both ways to authenticate. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI lotseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Lotse API").version("v1")
                        .description("Segment-compatible tracking API (/v1) and the admin API (/api/v1).")
                        .license(new License().name("Apache 2.0")))
                .components(new Components()
                        .addSecuritySchemes("adminToken", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").description("The admin token"))
                        .addSecuritySchemes("writeKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("The write key as user name, empty password")));
    }
}
