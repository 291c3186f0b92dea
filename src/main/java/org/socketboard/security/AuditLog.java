package org.socketboard.security;

import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditEntry;
import org.socketboard.security.domain.AuditEntryRepository;
import org.socketboard.security.domain.AuditKind;
import org.springframework.data.domain.Pageable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.List;

/**
 * The audit log of admin and editor changes. Features call {@link #record} after a successful
 * change; the entry is written in the caller's transaction when there is one, so a rolled-back
 * change leaves no entry behind. Never pass secret values in the detail.
 */
@Service
public class AuditLog {

    /** The actor of changes made without a signed-in user (first-start bootstrap, scheduled jobs). */
    public static final String SYSTEM = "system";

    private final AuditEntryRepository entries;
    private final CurrentUser currentUser;
    private final Clock clock;

    public AuditLog(AuditEntryRepository entries, CurrentUser currentUser, Clock clock) {
        this.entries = entries;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Records that the signed-in user (or {@value #SYSTEM}) did {@code action} to the {@code kind} named {@code target}. */
    @Transactional
    public void record(AuditAction action, AuditKind kind, String target, String detail) {
        var actor = currentUser.username().orElse(SYSTEM);
        entries.save(new AuditEntry(clock.instant(), actor, action, kind,
                clip(target, AuditEntry.MAX_TARGET_LENGTH), detail == null ? null : clip(detail, AuditEntry.MAX_DETAIL_LENGTH)));
    }

    /** A page of entries, newest first. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional(readOnly = true)
    public List<AuditEntry> newestFirst(Pageable page) {
        return entries.findAllByOrderByOccurredAtDescIdDesc(page).getContent();
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
