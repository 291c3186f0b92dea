package org.socketboard.service;

import java.util.List;

/** A service cannot be deleted or renamed while variables use it; the message names them. */
public class ServiceInUseException extends RuntimeException {

    private final List<String> variables;

    public ServiceInUseException(String action, String serviceName, List<String> variables) {
        super("Cannot " + action + " service '" + serviceName + "': it is used by "
                + (variables.size() == 1 ? "variable " : "variables ") + String.join(", ", variables)
                + ". Change or delete them first.");
        this.variables = List.copyOf(variables);
    }

    public List<String> variables() {
        return variables;
    }
}
