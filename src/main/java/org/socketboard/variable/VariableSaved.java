package org.socketboard.variable;

import org.socketboard.variable.domain.Variable;

/** Published after a variable definition was committed (created or changed), with the stored state. */
public record VariableSaved(Variable variable) {
}
