package org.socketboard.api;

/** A definition as stored by a PUT, and whether the PUT created it (201) rather than replaced it (200). */
public record Stored<T>(T definition, boolean created) {
}
