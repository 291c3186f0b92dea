package org.socketboard.security.account;

import org.junit.jupiter.api.Test;
import org.socketboard.Application;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProdAdminPasswordCheckTest {

    private final ProdAdminPasswordCheck check = new ProdAdminPasswordCheck();

    @Test
    void theApplicationRefusesToStartUnderTheProdProfileWithoutAnAdminPassword() {
        var app = new SpringApplicationBuilder(Application.class)
                .profiles("prod")
                .properties("socketboard.admin.password=", "server.port=0");
        assertThatThrownBy(app::run)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The prod profile requires SOCKETBOARD_ADMIN_PASSWORD");
    }

    @Test
    void theProdProfileWithAnAdminPasswordPasses() {
        var environment = new MockEnvironment().withProperty("socketboard.admin.password", "a-real-secret");
        environment.setActiveProfiles("prod");
        assertThatCode(() -> check.postProcessEnvironment(environment, null)).doesNotThrowAnyException();
    }

    @Test
    void theEmbeddedDefaultStartsWithoutAnAdminPassword() {
        assertThatCode(() -> check.postProcessEnvironment(new MockEnvironment(), null)).doesNotThrowAnyException();
    }
}
