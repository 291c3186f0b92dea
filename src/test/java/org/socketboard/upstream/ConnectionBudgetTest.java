package org.socketboard.upstream;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectionBudgetTest {

    private final ConnectionBudget budget = new ConnectionBudget(new ConnectionSettings(List.of(), List.of(), true,
            Duration.ofSeconds(10), Duration.ofSeconds(10), DataSize.ofMegabytes(1), 3, 2, 20, null));

    @Test
    void oneVariableGetsNoMoreThanItsShare() {
        budget.acquire("prices");
        budget.acquire("prices");
        assertThatThrownBy(() -> budget.acquire("prices"))
                .isInstanceOf(ConnectionDeniedException.class)
                .hasMessage("The variable prices already holds 2 upstream connections, the most allowed "
                        + "(socketboard.connect.max-connections-per-variable)");
        assertThat(budget.acquire("vitals")).isNotNull();
    }

    @Test
    void theServerHoldsNoMoreThanTheTotalCapAndAReleasedConnectionFreesASlot() {
        budget.acquire("a");
        var lease = budget.acquire("b");
        budget.acquire("c");
        assertThatThrownBy(() -> budget.acquire("d")).hasMessageContaining("socketboard.connect.max-connections)");
        lease.close();
        lease.close();
        assertThat(budget.openConnections()).isEqualTo(2);
        assertThat(budget.openConnections("b")).isZero();
        budget.acquire("d");
        assertThat(budget.openConnections()).isEqualTo(3);
    }
}
