package org.socketboard.security.domain;

/** Which kind of object an audit entry is about. */
public enum AuditKind {
    SERVICE, VARIABLE, DASHBOARD, USER
}
