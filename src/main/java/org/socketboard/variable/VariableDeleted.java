package org.socketboard.variable;

/** Published after a variable definition was deleted and the deletion committed. */
public record VariableDeleted(long variableId, String name) {
}
