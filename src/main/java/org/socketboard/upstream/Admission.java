package org.socketboard.upstream;

import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * The check before every upstream connection (Test connection, connect, reconnect): the connection
 * policy on the host as it resolves now, then a place in the connection budget.
 */
@Component
public class Admission {

    private final ConnectionPolicy policy;
    private final ConnectionBudget budget;

    public Admission(ConnectionPolicy policy, ConnectionBudget budget) {
        this.policy = policy;
        this.budget = budget;
    }

    /**
     * @param budgetKey whose cap the connection counts towards besides the total (a variable's name)
     * @return the place in the budget: close it when the connection has ended
     * @throws ConnectionDeniedException saying why the connection may not be made
     */
    public ConnectionBudget.Lease admit(URI uri, String budgetKey) {
        policy.check(uri);
        return budget.acquire(budgetKey);
    }
}
