package org.socketboard.security.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.security.AuditLog;
import org.socketboard.security.domain.AppUser;
import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.security.domain.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.EnumSet;

/**
 * First start: when no account exists, creates {@code admin} with the configured password, or with
 * the password {@code admin} flagged to be changed (the UI then shows a banner until it is).
 * The prod profile never gets here without a password: {@link ProdAdminPasswordCheck} stops it earlier.
 */
@Component
public class AdminAccountBootstrap implements ApplicationRunner {

    public static final String ADMIN = "admin";
    private static final Logger log = LoggerFactory.getLogger(AdminAccountBootstrap.class);

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AdminSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    public AdminAccountBootstrap(AppUserRepository users, PasswordEncoder passwordEncoder, AdminSettings settings,
                                 AuditLog audit, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (users.count() > 0) {
            return;
        }
        var admin = new AppUser(ADMIN, passwordEncoder.encode(settings.hasPassword() ? settings.password() : ADMIN),
                EnumSet.of(Role.ADMIN), clock.instant());
        admin.setMustChangePassword(!settings.hasPassword());
        users.save(admin);
        audit.record(AuditAction.CREATED, AuditKind.USER, ADMIN, "first start");
        if (settings.hasPassword()) {
            log.info("Created the account 'admin' with the password from SOCKETBOARD_ADMIN_PASSWORD");
        } else {
            log.warn("Created the account 'admin' with the default password 'admin': sign in and change it now "
                    + "(or set SOCKETBOARD_ADMIN_PASSWORD before the first start)");
        }
    }
}
