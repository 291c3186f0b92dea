package org.socketboard.service;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.socketboard.service.domain.SocketService;
import org.socketboard.testsupport.SignedInAs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Test connection on a service whose URL cannot be parsed ends at once with a sentence, never an exception. */
@SignedInAs
@SpringBootTest
class ServiceTestRunnerTest {

    @Autowired
    ServiceTestRunner runner;

    @ParameterizedTest
    @ValueSource(strings = {"ws://exa mple.com/x", "ws://[::1", "wss://host:99999/", "ws://%zz/", "ws://{symbol/x"})
    void anUnparseableUrlFailsTheTestWithASentenceInsteadOfThrowing(String url) throws Exception {
        var service = new SocketService();
        service.setName("broken");
        service.setUrl(url);

        var result = runner.test(service).get(5, TimeUnit.SECONDS);

        assertThat(result.connected()).isFalse();
        assertThat(result.outcome()).matches("[A-Z].*\\.").doesNotContain("Exception", "java.");
    }
}
