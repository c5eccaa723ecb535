package io.lotse.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A test against the whole running server on a real embedded PostgreSQL.
 *
 * <p>Every test class with this annotation shares one application context and so one database; tests use
 * unique ids so that they do not see each other's data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lotse.data-dir=target/test-data",
        "lotse.write-key=" + LotseServerTest.WRITE_KEY,
        "lotse.admin-token=" + LotseServerTest.ADMIN_TOKEN,
        "lotse.predict.propensity-events=Signed Up",
        "lotse.predict.pareto-timeout=0s"})
public @interface LotseServerTest {

    String WRITE_KEY = "wk_test_write_key";
    String ADMIN_TOKEN = "lt_test_admin_token";
}
