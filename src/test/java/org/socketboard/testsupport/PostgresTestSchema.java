package org.socketboard.testsupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Under the {@code postgres} profile, gives every test application context a schema of its own in
 * the CI database ({@code test} on 127.0.0.1:5432), just as each H2 context gets a fresh in-memory
 * database: tests never see each other's rows, and Flyway migrates each schema from scratch. A test
 * that must reopen the same schema (the restart test) sets {@code socketboard.test.schema} itself.
 */
public class PostgresTestSchema implements EnvironmentPostProcessor {

    static final String SCHEMA_PROPERTY = "socketboard.test.schema";
    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.matchesProfiles("postgres")) {
            return;
        }
        String schema = environment.getProperty(SCHEMA_PROPERTY,
                "sb_" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36));
        String url = environment.getProperty("socketboard.test.postgres-url", DEFAULT_URL);
        environment.getPropertySources().addFirst(new MapPropertySource("postgres-test-schema", Map.of(
                "spring.datasource.url", url + "?currentSchema=" + schema,
                "spring.datasource.username", "postgres",
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema)));
    }
}
