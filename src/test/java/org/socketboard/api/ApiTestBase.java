package org.socketboard.api;

import org.junit.jupiter.api.BeforeEach;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.security.SecretCipher;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.socketboard.testsupport.SignedInAs;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Base of the API tests: the real server on a random port (its demo feeds on loopback), a JSON client
 * for it, and the catalogs, to check what the API stored (or did not).
 */
// Calls to the catalogs go through method security as an admin; HTTP calls sign in with Basic as
// the bootstrap admin (password "admin" on a fresh database).
@SignedInAs
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestBase {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    ServiceCatalog services;

    @Autowired
    VariableCatalog variables;

    @Autowired
    DashboardCatalog dashboards;

    /** Secrets are stored encrypted: tests decrypt to check the kept value. */
    @Autowired
    SecretCipher cipher;

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(rest, ADMIN, ADMIN_PASSWORD);
    }
}
