package org.socketboard.service.ui;

import org.socketboard.service.ServiceField;
import org.socketboard.base.InvalidDefinitionException;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.shared.Registration;
import org.socketboard.base.ui.Notifications;
import org.socketboard.upstream.ConnectionPolicy;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.ServiceInUseException;
import org.socketboard.service.ServiceTestRunner;
import org.socketboard.service.connection.ConnectionTestResult;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.inference.FieldInference;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import java.util.ArrayList;
import java.util.List;

/**
 * The import page ({@code /services/new}) and the settings page of a saved service
 * ({@code /services/{name}}): one view, since both edit the same definition. It carries out what the
 * form asks for: test in the background, save through the catalog, delete after confirmation.
 */
@RolesAllowed("ADMIN")
@Route("services/:name")
public class ServiceEditorView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    static final String NAME_PARAMETER = "name";

    private final ServiceCatalog catalog;
    private final ServiceTestRunner tests;
    private final ServiceForm form;
    private final H2 heading = new H2();
    private final List<Registration> registrations = new ArrayList<>();

    public ServiceEditorView(ServiceCatalog catalog, ServiceTestRunner tests, FieldInference inference,
                             ConnectionPolicy policy) {
        this.catalog = catalog;
        this.tests = tests;
        var request = VaadinRequest.getCurrent();
        this.form = new ServiceForm(inference, policy::checkWhileTyping, request != null && request.isSecure());
        setMaxWidth("72rem");
        add(heading, form);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        var name = event.getRouteParameters().get(NAME_PARAMETER).orElse(ServiceValidator.RESERVED_NAME);
        if (ServiceValidator.RESERVED_NAME.equals(name)) {
            heading.setText("Import a WebSocket service");
            form.setService(new SocketService());
            return;
        }
        catalog.find(name).ifPresentOrElse(service -> {
            heading.setText("Service " + service.getName());
            form.setService(service);
        }, () -> {
            Notifications.error("There is no service named '" + name + "'");
            event.forwardTo(ServiceListView.class);
        });
    }

    @Override
    public String getPageTitle() {
        return heading.getText();
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        registrations.add(form.addTestListener(event -> test(event.getService(), attachEvent.getUI())));
        registrations.add(form.addSaveListener(event -> save(event.getService())));
        registrations.add(form.addDeleteListener(event -> confirmDelete(event.getService())));
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        registrations.forEach(Registration::remove);
        registrations.clear();
    }

    private void test(SocketService service, UI ui) {
        form.testStarted();
        // The test blocks for up to the connect timeout: never on the UI thread.
        tests.test(service).thenAccept(result -> {
            try {
                ui.access(() -> showTestResult(result));
            } catch (UIDetachedException closed) {
                // The admin has left the page; there is nobody to show the result to.
            }
        });
    }

    private void showTestResult(ConnectionTestResult result) {
        form.showTestResult(result);
        if (!result.connected()) {
            Notifications.error("Connection test failed: " + result.outcome());
        }
    }

    private void save(SocketService service) {
        try {
            var saved = catalog.save(service);
            Notifications.successWithNextStep("Service " + saved.getName() + " saved", "service-next-variable",
                    "Create a variable on it", "variables/new?service=" + Notifications.queryValue(saved.getName()));
            UI.getCurrent().navigate(ServiceListView.class);
        } catch (InvalidDefinitionException e) {
            form.showErrors(e.errorsOf(ServiceField.class));
            var errors = e.errors().values();
            Notifications.error("Not saved: " + (errors.size() == 1 ? errors.iterator().next()
                    : errors.size() + " problems, listed above Save"));
        } catch (ServiceInUseException e) {
            Notifications.error(e.getMessage());
        } catch (ConcurrencyFailureException | DataIntegrityViolationException e) {
            Notifications.error("Not saved: someone else changed or created a service with this name "
                    + "meanwhile. Reload the page and try again.");
        }
    }

    private void confirmDelete(SocketService service) {
        try {
            catalog.checkDeletable(service.getName());
        } catch (ServiceInUseException e) {
            Notifications.error(e.getMessage());
            return;
        }
        var dialog = new ConfirmDialog("Delete service " + service.getName() + "?",
                "The service definition and its samples are removed. This cannot be undone.",
                "Delete", confirmed -> delete(service));
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.open();
    }

    private void delete(SocketService service) {
        try {
            catalog.delete(service.getName());
            Notifications.success("Service " + service.getName() + " deleted");
            UI.getCurrent().navigate(ServiceListView.class);
        } catch (ServiceInUseException e) {
            Notifications.error(e.getMessage());
        }
    }
}
