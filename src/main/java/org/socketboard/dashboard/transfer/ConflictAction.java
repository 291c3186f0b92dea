package org.socketboard.dashboard.transfer;

/** What an import does with a definition whose name is taken. */
public enum ConflictAction {
    /** Keep the definition on the server; the bundle's references use it. */
    SKIP,
    /** Overwrite the definition on the server with the bundle's (secret values on the server stay). */
    REPLACE,
    /** Import the bundle's definition under a free name ({@code name-2}, …); references follow it. */
    RENAME
}
