package org.socketboard.security.domain;

/** What happened to the audited object. */
public enum AuditAction {
    CREATED, CHANGED, DELETED
}
