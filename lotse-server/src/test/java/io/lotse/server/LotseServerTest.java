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
        "lotse.predict.pareto-timeout=0s",
        "lotse.engage.mail.host=127.0.0.1",
        "lotse.engage.mail.port=" + LotseServerTest.SMTP_PORT,
        "lotse.engage.mail.from=news@lotse-test.example",
        "lotse.engage.dkim.domain=lotse-test.example",
        "lotse.engage.dkim.selector=test",
        "lotse.engage.dkim.private-key=src/test/resources/engage/dkim-test.pem",
        "lotse.engage.complaint-minimum=1",
        "lotse.engage.domain-limits.slow.example=6",
        "lotse.engage.feedback.host=127.0.0.1",
        "lotse.engage.feedback.port=" + LotseServerTest.IMAP_PORT,
        "lotse.engage.feedback.ssl=false",
        "lotse.engage.feedback.username=bounces@lotse-test.example",
        "lotse.engage.feedback.password=bounces",
        "lotse.engage.feedback.interval=1h"})
public @interface LotseServerTest {

    String WRITE_KEY = "wk_test_write_key";
    String ADMIN_TOKEN = "lt_test_admin_token";
    /** The SMTP port of the GreenMail server that engage tests start; messages go there. */
    int SMTP_PORT = 33025;
    /** The IMAP port of that GreenMail server. */
    int IMAP_PORT = 33143;
}
