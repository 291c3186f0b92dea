package org.socketboard;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.communication.PushMode;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.theme.Theme;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/**
 * SocketBoard: real-time dashboards fed by WebSocket services.
 * Server push (WEBSOCKET_XHR) keeps every open dashboard tab live.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Push(value = PushMode.AUTOMATIC, transport = Transport.WEBSOCKET_XHR)
// An application theme (frontend/themes/socketboard) rather than bare Lumo: only a theme's lumoImports
// load Lumo's utility classes and badges, which the views use.
@Theme("socketboard")
// No @PWA: its service worker fetched the precache file with stale session cookies, and each such
// request created a new session whose cookie replaced the signed-in one (docs/design-notes.md).
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }

    /**
     * Without {@code @PWA} there are no generated icons: an empty icon in the page keeps browsers from
     * asking for {@code /favicon.ico} (a 404 in the console, and a request outside any session).
     */
    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addLink("icon", "data:,");
    }

    /** One clock for the whole app, so that tests can fix time. */
    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
