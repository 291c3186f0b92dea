package org.socketboard.service.ui;

import com.github.mvysny.fakeservlet.FakeHttpEnvironment;
import com.github.mvysny.kaributesting.v10.NotificationsKt;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.socketboard.KaribuTest;
import org.socketboard.service.RecordingServiceUsage;
import org.socketboard.service.domain.SocketServiceRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.treegrid.TreeGrid;
import org.socketboard.service.domain.FieldMeta;

import java.time.Duration;
import java.util.List;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the service view tests share: a connect timeout of 5 s instead of 10 (a handshake timeout is
 * tested, yet a busy build machine must still complete real handshakes in time), the recording
 * stand-in for the variable feature, and the steps an admin takes.
 */
@TestPropertySource(properties = "socketboard.services.test.connect-timeout=5s")
@Import(RecordingServiceUsage.Config.class)
abstract class ServiceViewTest extends KaribuTest {

    private static final Duration TEST_WAIT = Duration.ofSeconds(15);

    @Autowired
    protected SocketServiceRepository repository;

    @Autowired
    protected RecordingServiceUsage usage;

    @AfterEach
    void resetWorld() {
        FakeHttpEnvironment.INSTANCE.setSecure(false);
        usage.clear();
        repository.deleteAll();
    }

    protected void openImportPage() {
        UI.getCurrent().navigate("services/new");
    }

    protected static TextField field(String id) {
        return _get(TextField.class, spec -> spec.withId(id));
    }

    protected static TextArea area(String id) {
        return _get(TextArea.class, spec -> spec.withId(id));
    }

    protected static Button button(String id) {
        return _get(Button.class, spec -> spec.withId(id));
    }

    protected static <V> void type(HasValue<?, V> field, V value) {
        _setValue(field, value);
    }

    /** The rows of a field tree (request or response fields). */
    @SuppressWarnings("unchecked")
    protected static List<FieldMeta> fields(String id) {
        TreeGrid<FieldMeta> tree = _get(TreeGrid.class, spec -> spec.withId(id));
        return GridKt._findAll(tree);
    }

    protected static String testOutcome() {
        return _get(Span.class, spec -> spec.withId("service-test-outcome")).getText();
    }

    /** Clicks Test and waits (bounded) for the background test to report back to the UI. */
    protected static String runConnectionTest() {
        _click(button("service-test"));
        awaitPushed("the test finishes", TEST_WAIT, () -> !testOutcome().startsWith("Testing"));
        assertThat(testOutcome()).as("the test finishes within " + TEST_WAIT).doesNotStartWith("Testing");
        return testOutcome();
    }

    /** The lines of the list above Save that says why the last Save was refused. */
    protected static List<String> saveErrors() {
        return _find(ListItem.class).stream()
                .filter(item -> item.getParent().flatMap(parent -> parent.getId()).orElse("").equals("service-save-errors"))
                .map(ListItem::getText)
                .toList();
    }

    protected static List<String> errorNotifications() {
        return NotificationsKt.getNotifications().stream()
                .filter(n -> n.getThemeNames().contains(NotificationVariant.LUMO_ERROR.getVariantName()))
                .map(ServiceViewTest::text)
                .toList();
    }

    private static String text(Notification notification) {
        return notification.getElement().getProperty("text", "");
    }
}
