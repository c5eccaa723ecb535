package io.lotse.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Starts the Lotse server. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class LotseApplication {

    public static void main(String[] args) {
        SpringApplication.run(LotseApplication.class, args);
    }
}
