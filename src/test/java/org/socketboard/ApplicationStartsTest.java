package org.socketboard;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("database")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApplicationStartsTest {

    @Autowired
    TestRestTemplate http;

    @Autowired
    Flyway flyway;

    @Test
    void theHealthEndpointReportsUpOnceTheApplicationHasStarted() {
        var body = http.getForObject("/actuator/health", String.class);
        assertThat(body).contains("\"status\":\"UP\"");
    }

    /** With ddl-auto=validate, a started context also means the entities match the migrated schema. */
    @Test
    void everyMigrationIsAppliedOnAFreshDatabase() throws IOException {
        var migrationFiles = Arrays.stream(new PathMatchingResourcePatternResolver()
                        .getResources("classpath:db/migration/V*__*.sql"))
                .map(Resource::getFilename)
                .toList();

        assertThat(migrationFiles).isNotEmpty();
        assertThat(flyway.info().pending()).isEmpty();
        // Under PostgreSQL, Flyway also records that it created the schema: hence "contains", not "equals".
        assertThat(Arrays.stream(flyway.info().applied()).map(MigrationInfo::getScript).toList())
                .containsAll(migrationFiles);
    }
}
