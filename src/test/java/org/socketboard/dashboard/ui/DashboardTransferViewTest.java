package org.socketboard.dashboard.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mvysny.kaributesting.v10.DownloadKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.github.mvysny.kaributesting.v10.UploadKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.upload.Upload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.socketboard.KaribuTest;
import org.socketboard.dashboard.DashboardCatalog;
import org.socketboard.dashboard.transfer.ConflictAction;
import org.socketboard.dashboard.transfer.ConflictResolutions;
import org.socketboard.dashboard.transfer.DashboardExporter;
import org.socketboard.dashboard.transfer.DashboardImporter;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.socketboard.dashboard.DashboardFixtures.unique;

class DashboardTransferViewTest extends KaribuTest {

    private static final String SECRET = "ui-secret-5d1e";

    @Autowired
    DashboardImporter importer;

    @Autowired
    DashboardExporter exporter;

    @Autowired
    DashboardCatalog dashboards;

    private final ObjectMapper json = new ObjectMapper();
    private String slug;

    /** A dashboard with a value card on a variable whose service has a secret header. */
    @BeforeEach
    void importADashboard() {
        slug = unique("ui");
        String service = unique("svc");
        String variable = unique("var");
        String bundle = """
                {"format": 1,
                 "services": [{"name": "%s", "url": "ws://localhost:%d/feeds/ticker", "sampleResponse": "{\\"price\\": 1}",
                               "params": [{"name": "token", "location": "HEADER", "type": "STRING",
                                           "defaultValue": "%s", "required": true, "secret": true}]}],
                 "variables": [{"name": "%s", "service": "%s", "scope": "APPLICATION", "strategy": "ADD_LAST", "dataLimit": 10}],
                 "dashboard": {"name": "Prices", "slug": "%s", "description": "Before",
                               "widgets": [{"type": "VALUE", "title": "Price", "variable": "%s", "width": 1, "height": 1,
                                            "config": {"value": {"field": "/price"}}}]}}
                """.formatted(service, port, SECRET, variable, service, slug, variable);
        importer.importBundle(importer.read(bundle.getBytes(StandardCharsets.UTF_8)), ConflictResolutions.none());
    }

    private byte[] exported() {
        return exporter.bundleJson(slug).orElseThrow();
    }

    private static List<String> notifications(NotificationVariant variant) {
        return NotificationsKt.getNotifications().stream()
                .filter(notification -> notification.getThemeNames().contains(variant.getVariantName()))
                .map(notification -> notification.getElement().getProperty("text", ""))
                .toList();
    }

    private static void upload(byte[] document) {
        UploadKt._upload(_get(Upload.class, spec -> spec.withId("dashboard-import")), "bundle.json", "application/json", document);
        MockVaadin.clientRoundtrip();
    }

    @Test
    void theExportLinkDownloadsTheBundleWithoutTheSecret() throws Exception {
        UI.getCurrent().navigate("dashboards/" + slug);

        byte[] downloaded = DownloadKt._download(_get(Anchor.class, spec -> spec.withId("dashboard-export")));

        JsonNode bundle = json.readTree(downloaded);
        assertThat(bundle.get("dashboard").get("slug").asText()).isEqualTo(slug);
        assertThat(bundle.get("services")).hasSize(1);
        assertThat(new String(downloaded, StandardCharsets.UTF_8)).doesNotContain(SECRET);
    }

    @Test
    void importingAClashingBundleAsksPerNameAndAppliesTheAnswer() throws Exception {
        byte[] changed = new String(exported(), StandardCharsets.UTF_8).replace("Before", "After")
                .getBytes(StandardCharsets.UTF_8);
        UI.getCurrent().navigate("dashboards");

        upload(changed);

        var dialog = _get(ImportDialog.class);
        @SuppressWarnings("unchecked")
        RadioButtonGroup<ConflictAction> choice = _get(dialog, RadioButtonGroup.class,
                spec -> spec.withId("import-conflict-dashboard-" + slug));
        assertThat(_find(dialog, RadioButtonGroup.class)).as("only the dashboard differs").hasSize(1);
        assertThat(dashboards.findBySlug(slug).orElseThrow().getDescription()).as("nothing before the answer").isEqualTo("Before");
        choice.setValue(ConflictAction.REPLACE);
        _click(_get(Button.class, spec -> spec.withId("import-confirm")));

        assertThat(dashboards.findBySlug(slug).orElseThrow().getDescription()).isEqualTo("After");
        assertThat(_find(ImportDialog.class)).isEmpty();
        assertThat(_get(DashboardView.class)).isNotNull();
        assertThat(notifications(NotificationVariant.LUMO_SUCCESS)).singleElement().asString()
                .contains("dashboard '" + slug + "' replaced");
    }

    @Test
    void aFileThatIsNotABundleIsRefusedWithWhereItIsWrong() {
        int before = dashboards.listVisible().size();
        UI.getCurrent().navigate("dashboards");

        upload("{\"format\": 1, \"dashboard\": {\"name\": \"x\",".getBytes(StandardCharsets.UTF_8));

        assertThat(notifications(NotificationVariant.LUMO_ERROR)).singleElement().asString()
                .startsWith("Cannot import: document: Invalid JSON at line 1");
        assertThat(_find(ImportDialog.class)).isEmpty();
        assertThat(dashboards.listVisible()).hasSize(before);
    }

    @Test
    void anUnchangedBundleImportsWithoutAskingAndOpensTheDashboard() {
        UI.getCurrent().navigate("dashboards");

        upload(exported());

        assertThat(_find(ImportDialog.class)).isEmpty();
        assertThat(_get(DashboardView.class).getPageTitle()).isEqualTo("Prices");
        assertThat(NotificationsKt.getNotifications()).extracting(Notification::isOpened).containsOnly(true);
    }
}
