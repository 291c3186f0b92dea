package org.socketboard.security.account;

import org.socketboard.security.AuditLog;
import org.socketboard.security.CurrentUser;
import org.socketboard.security.domain.AppUser;
import org.socketboard.security.domain.AppUserRepository;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.socketboard.security.domain.Role;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.socketboard.security.account.UserValidationException.Field;

/**
 * Account management. Every change is checked on the server (admins only, except changing one's own
 * password) and recorded in the audit log; refusals are {@link UserValidationException}s naming the field.
 */
@Service
@Transactional
public class UserService {

    public static final int MIN_PASSWORD_LENGTH = 8;
    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");

    private final AppUserRepository users;
    private final PasswordEncoder passwordEncoder;
    private final AuditLog audit;
    private final CurrentUser currentUser;
    private final Clock clock;

    public UserService(AppUserRepository users, PasswordEncoder passwordEncoder, AuditLog audit,
                       CurrentUser currentUser, Clock clock) {
        this.users = users;
        this.passwordEncoder = passwordEncoder;
        this.audit = audit;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<UserSummary> list() {
        return users.findAllByOrderByUsernameAsc().stream().map(UserSummary::of).toList();
    }

    @PreAuthorize("hasRole('ADMIN')")
    public UserSummary create(String username, String password, Set<Role> roles) {
        var name = Usernames.normalize(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new UserValidationException(Field.USERNAME,
                    "2–100 characters: letters, digits and . _ @ -, starting with a letter or digit");
        }
        if (users.existsByUsername(name)) {
            throw new UserValidationException(Field.USERNAME, "A user named " + name + " already exists");
        }
        requireStrongEnough(password, Field.PASSWORD);
        requireSomeRole(roles);
        var user = users.save(new AppUser(name, passwordEncoder.encode(password), roles, clock.instant()));
        audit.record(AuditAction.CREATED, AuditKind.USER, name, "roles " + Role.words(roles));
        return UserSummary.of(user);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public UserSummary changeRoles(long id, Set<Role> roles) {
        requireSomeRole(roles);
        var user = find(id);
        if (!roles.contains(Role.ADMIN)) {
            requireAnotherEnabledAdmin(user, "remove the admin role");
        }
        var before = Role.words(user.getRoles());
        user.setRoles(roles);
        audit.record(AuditAction.CHANGED, AuditKind.USER, user.getUsername(), "roles " + before + " → " + Role.words(roles));
        return UserSummary.of(user);
    }

    @PreAuthorize("hasRole('ADMIN')")
    public UserSummary setEnabled(long id, boolean enabled) {
        var user = find(id);
        if (!enabled) {
            requireAnotherEnabledAdmin(user, "disable");
        }
        user.setEnabled(enabled);
        audit.record(AuditAction.CHANGED, AuditKind.USER, user.getUsername(), enabled ? "enabled" : "disabled");
        return UserSummary.of(user);
    }

    /** Sets a new password chosen by an admin; the user has to change it at the next sign-in. */
    @PreAuthorize("hasRole('ADMIN')")
    public UserSummary resetPassword(long id, String newPassword) {
        requireStrongEnough(newPassword, Field.PASSWORD);
        var user = find(id);
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        user.setMustChangePassword(true);
        audit.record(AuditAction.CHANGED, AuditKind.USER, user.getUsername(), "password reset");
        return UserSummary.of(user);
    }

    /** The signed-in user replaces their own password, proving they know the current one. */
    @PreAuthorize("isAuthenticated()")
    public void changeOwnPassword(String currentPassword, String newPassword) {
        var user = signedInUser();
        if (currentPassword == null || !passwordEncoder.matches(currentPassword, user.getPasswordHash())) {
            throw new UserValidationException(Field.CURRENT_PASSWORD, "This is not your current password");
        }
        requireStrongEnough(newPassword, Field.PASSWORD);
        if (newPassword.equals(currentPassword)) {
            throw new UserValidationException(Field.PASSWORD, "Choose a password different from the current one");
        }
        user.setPasswordHash(passwordEncoder.encode(newPassword));
        user.setMustChangePassword(false);
        audit.record(AuditAction.CHANGED, AuditKind.USER, user.getUsername(), "changed own password");
    }

    /** Whether the signed-in user still has a default or reset password (the banner asks them to change it). */
    @Transactional(readOnly = true)
    public boolean signedInUserMustChangePassword() {
        return currentUser.username()
                .flatMap(name -> users.findByUsername(Usernames.normalize(name)))
                .map(AppUser::isMustChangePassword)
                .orElse(false);
    }

    private AppUser signedInUser() {
        return currentUser.username()
                .flatMap(name -> users.findByUsername(Usernames.normalize(name)))
                .orElseThrow(() -> new UserValidationException(Field.ACCOUNT, "Your account no longer exists"));
    }

    private AppUser find(long id) {
        return users.findById(id)
                .orElseThrow(() -> new UserValidationException(Field.ACCOUNT, "This user no longer exists"));
    }

    /** Nobody may lock everyone out of user management. */
    private void requireAnotherEnabledAdmin(AppUser user, String what) {
        if (!user.getRoles().contains(Role.ADMIN) || !user.isEnabled()) {
            return;
        }
        boolean anotherAdmin = users.findAll().stream()
                .anyMatch(other -> !other.getId().equals(user.getId()) && other.isEnabled()
                        && other.getRoles().contains(Role.ADMIN));
        if (!anotherAdmin) {
            throw new UserValidationException(Field.ACCOUNT,
                    "Cannot " + what + " for " + user.getUsername() + ": it is the last enabled admin");
        }
    }

    private static void requireStrongEnough(String password, Field field) {
        if (password == null || password.strip().length() < MIN_PASSWORD_LENGTH) {
            throw new UserValidationException(field, "At least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static void requireSomeRole(Set<Role> roles) {
        if (roles == null || roles.isEmpty()) {
            throw new UserValidationException(Field.ROLES, "Choose at least one role");
        }
    }
}
