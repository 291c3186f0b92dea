package org.socketboard.dashboard;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.upstream.ConnectionSettings;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Issue 11.5: no demo variables that can never connect. */
@ExtendWith(OutputCaptureExtension.class)
class DemoSeedingUnderPolicyTest {

    private final ServiceCatalog services = mock(ServiceCatalog.class);
    private final VariableCatalog variables = mock(VariableCatalog.class);
    private final DashboardCatalog dashboards = mock(DashboardCatalog.class);

    @Test
    void whenThePolicyRefusesTheBuiltInFeedsNothingOfTheDemoIsSeededAndTheLogSaysWhy(CapturedOutput output) {
        when(services.list()).thenReturn(List.of());
        when(dashboards.findBySlug(DemoDashboardSeeder.DEMO_SLUG)).thenReturn(Optional.empty());
        var seeder = new DemoDashboardSeeder(services, variables, dashboards, mock(PlatformTransactionManager.class),
                new ConnectionPolicy(new ConnectionSettings(List.of(), List.of(), false, Duration.ofSeconds(10),
                        Duration.ofSeconds(10), DataSize.ofMegabytes(1), 200, 50, 20, null)));

        assertThat(seeder.seedIfFresh(8080)).isFalse();

        verify(services, never()).save(any());
        verify(variables, never()).save(any());
        verify(dashboards, never()).save(any());
        assertThat(output.getAll()).contains("Not seeding the demo dashboard: the connection policy refuses the built-in feeds")
                .contains("loopback address");
    }
}
