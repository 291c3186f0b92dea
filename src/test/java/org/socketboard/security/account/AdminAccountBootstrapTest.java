package org.socketboard.security.account;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socketboard.security.AuditLog;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.AuditEntryRepository;
import org.socketboard.security.domain.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** First start with SOCKETBOARD_ADMIN_PASSWORD set (the default-password case is in {@code LoginHttpTest}). */
@Tag("database")
@DataJpaTest(showSql = false)
// The configured database (H2 in memory, or PostgreSQL under the postgres profile), not a replacement H2.
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@TestPropertySource(properties = "socketboard.admin.password=chosen-at-install")
@Import({AdminAccountBootstrap.class, AccountBeans.class, AuditLog.class, CurrentUser.class})
@EnableConfigurationProperties(AdminSettings.class)
class AdminAccountBootstrapTest {

    @Autowired
    AppUserRepository users;
    @Autowired
    AuditEntryRepository audit;
    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void theFirstStartCreatesAnAdminWithTheConfiguredPasswordAndNoChangeRequest() {
        var admin = users.findByUsername("admin").orElseThrow();
        assertThat(admin.getRoles()).containsExactly(Role.ADMIN);
        assertThat(passwordEncoder.matches("chosen-at-install", admin.getPasswordHash())).isTrue();
        assertThat(passwordEncoder.matches("admin", admin.getPasswordHash())).isFalse();
        assertThat(admin.getPasswordHash()).startsWith("{bcrypt}");
        assertThat(admin.isMustChangePassword()).isFalse();
        assertThat(audit.findAll()).singleElement()
                .satisfies(entry -> assertThat(entry.getActor()).isEqualTo(AuditLog.SYSTEM));
    }
}
