package org.socketboard.variable;

import org.socketboard.service.ServiceUsage;
import org.socketboard.service.domain.SocketService;
import org.socketboard.variable.domain.Variable;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Tells the service catalog which variables use a service, so that a service in use is neither
 * deleted nor renamed under them (the REST API answers 409 with these names).
 */
@Component
class VariableServiceUsage implements ServiceUsage {

    private final VariableCatalog variables;

    VariableServiceUsage(VariableCatalog variables) {
        this.variables = variables;
    }

    @Override
    public List<String> variablesUsing(String serviceName) {
        String key = SocketService.nameKey(serviceName);
        return variables.list().stream()
                .filter(variable -> SocketService.nameKey(variable.getService().getName()).equals(key))
                .map(Variable::getName)
                .toList();
    }
}
