package org.socketboard.testsupport;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Vaadin's security setup installs its own {@link SecurityContextHolderStrategy} (a thread-local of
 * its own) into the static {@link SecurityContextHolder} when an application context starts. Tests
 * keep several contexts cached in one JVM, so the static holder points at the newest context's
 * strategy while an older context's method security reads its own: a user signed in by a test would
 * be invisible to the services. Before each test this puts the test's own context's strategy back.
 */
public class SecurityStrategyTestExecutionListener implements TestExecutionListener, Ordered {

    @Override
    public void beforeTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        SecurityContextHolderStrategy strategy = context.getBeanProvider(SecurityContextHolderStrategy.class).getIfAvailable();
        if (strategy != null) {
            SecurityContextHolder.setContextHolderStrategy(strategy);
        }
    }

    /** Before Spring Security's {@code WithSecurityContextTestExecutionListener} (10000) sets a mock user. */
    @Override
    public int getOrder() {
        return 5000;
    }
}
