package org.socketboard.service.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.ui.SecretField;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Objects;

/**
 * The query, path and header parameters of a service, one editable row each, with add and remove.
 * Rows that {@link #syncDetected(List) detection} added follow the URL as it is typed until the admin
 * edits them; from then on they are the admin's and are never removed automatically.
 */
class ParamsEditor extends CustomField<List<ServiceParam>> {

    private static final List<FieldType> PARAM_TYPES =
            List.of(FieldType.STRING, FieldType.NUMBER, FieldType.INTEGER, FieldType.BOOLEAN);

    private final VerticalLayout rows = new VerticalLayout();
    private final Span empty = new Span("No parameters. Path parameters ({name} in the URL) and query "
            + "parameters are added as you type the URL.");

    ParamsEditor() {
        setId("service-params");
        setLabel("Query, path and header parameters");
        rows.setPadding(false);
        rows.setSpacing(false);
        var add = new Button("Add parameter", VaadinIcon.PLUS.create(), click -> {
            addRow(new ServiceParam("", ParamLocation.QUERY, FieldType.STRING, "", false, false), false);
            updateValue();
        });
        add.setId("service-add-param");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        var content = new VerticalLayout(empty, rows, add);
        content.setPadding(false);
        content.setWidthFull();
        add(content);
        setWidthFull();
        refreshEmptyState();
    }

    /**
     * Brings the rows in line with the parameters detected in the URL: adds those missing (by name),
     * updates the default of detected rows the admin has not touched, and drops detected rows that the
     * URL no longer has and that the admin has not touched.
     *
     * @return the query parameters whose value in the URL differs from the default of a row the admin
     *         edited, as "name" → "value in the URL"
     */
    Map<String, String> syncDetected(List<ServiceParam> detected) {
        var before = generateModelValue();
        for (var row : paramRows()) {
            if (row.followsUrl && detected.stream().noneMatch(d -> row.matches(d))) {
                rows.remove(row);
            }
        }
        Map<String, String> conflicts = new LinkedHashMap<>();
        for (var param : detected) {
            var same = paramRows().stream().filter(row -> param.name().equals(row.name.getValue())).findFirst();
            if (same.isEmpty()) {
                addRow(param, true);
            } else if (same.get().matches(param) && param.location() == ParamLocation.QUERY) {
                if (same.get().followsUrl) {
                    same.get().followDefault(param.defaultValue());
                } else if (!Objects.equals(param.defaultValue(), same.get().defaultValue())) {
                    conflicts.put(param.name(), param.defaultValue());
                }
            }
        }
        refreshEmptyState();
        if (!before.equals(generateModelValue())) {
            updateValue();
        }
        return conflicts;
    }

    @Override
    protected List<ServiceParam> generateModelValue() {
        return paramRows().stream().map(ParamRow::toParam).toList();
    }

    @Override
    protected void setPresentationValue(List<ServiceParam> params) {
        rows.removeAll();
        (params == null ? List.<ServiceParam>of() : params).forEach(param -> addRow(param, false));
        refreshEmptyState();
    }

    private void addRow(ServiceParam param, boolean followsUrl) {
        rows.add(new ParamRow(param, followsUrl));
        refreshEmptyState();
    }

    private List<ParamRow> paramRows() {
        var list = new ArrayList<ParamRow>();
        rows.getChildren().forEach(child -> list.add((ParamRow) child));
        return list;
    }

    private void refreshEmptyState() {
        empty.setVisible(rows.getComponentCount() == 0);
    }

    /** One parameter. The default value is masked while the parameter is secret. */
    private final class ParamRow extends HorizontalLayout {

        private final TextField name = new TextField("Name");
        private final Select<ParamLocation> location = new Select<>();
        private final Select<FieldType> type = new Select<>();
        private final TextField plainDefault = new TextField("Default value");
        private final SecretField secretDefault = new SecretField("Default value");
        private final Checkbox required = new Checkbox("Required");
        private final Checkbox secret = new Checkbox("Secret");
        private boolean followsUrl;
        /** Set while the row follows the URL, so that this is no edit of the admin's. */
        private boolean following;

        ParamRow(ServiceParam param, boolean followsUrl) {
            this.followsUrl = followsUrl;
            addClassName("service-param");
            name.addClassName("param-name");
            name.setMaxLength(ServiceValidator.MAX_PARAM_NAME_LENGTH);
            plainDefault.setMaxLength(ServiceValidator.MAX_PARAM_VALUE_LENGTH);
            name.setValue(Objects.requireNonNullElse(param.name(), ""));
            location.setLabel("Location");
            location.addClassName("param-location");
            location.setItems(ParamLocation.values());
            location.setItemLabelGenerator(ParamLocation::label);
            location.setValue(param.location());
            type.setLabel("Type");
            type.addClassName("param-type");
            type.setItems(PARAM_TYPES);
            type.setItemLabelGenerator(FieldType::label);
            type.setValue(param.type());
            plainDefault.addClassName("param-default");
            secretDefault.addClassName("param-default");
            plainDefault.setValue(Objects.requireNonNullElse(param.defaultValue(), ""));
            secretDefault.setValue(plainDefault.getValue());
            required.addClassName("param-required");
            required.setValue(param.required());
            secret.addClassName("param-secret");
            secret.setValue(param.secret());
            showMasked(param.secret());
            var remove = new Button(VaadinIcon.TRASH.create(), click -> {
                rows.remove(this);
                refreshEmptyState();
                updateValue();
            });
            remove.addClassName("param-remove");
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel("Remove parameter");
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            add(name, location, type, plainDefault, secretDefault, required, secret, remove);
            // Listeners come last: the values above are the row's starting state, not edits.
            name.addValueChangeListener(e -> edited());
            location.addValueChangeListener(e -> edited());
            type.addValueChangeListener(e -> edited());
            plainDefault.addValueChangeListener(e -> edited());
            secretDefault.addValueChangeListener(e -> edited());
            required.addValueChangeListener(e -> edited());
            secret.addValueChangeListener(e -> {
                var value = Boolean.TRUE.equals(e.getOldValue()) ? secretDefault.getValue() : plainDefault.getValue();
                // A stored secret is encrypted and is not revealed by unticking Secret: type it again.
                plainDefault.setValue(SecretCipher.isEncrypted(value) ? "" : value);
                secretDefault.setValue(value);
                showMasked(e.getValue());
                edited();
            });
        }

        boolean matches(ServiceParam param) {
            return param.name().equals(name.getValue()) && param.location() == location.getValue();
        }

        ServiceParam toParam() {
            return new ServiceParam(name.getValue().trim(), location.getValue(), type.getValue(), defaultValue(),
                    required.getValue(), secret.getValue());
        }

        private String defaultValue() {
            return secret.getValue() ? secretDefault.getValue() : plainDefault.getValue();
        }

        private void showMasked(boolean masked) {
            plainDefault.setVisible(!masked);
            secretDefault.setVisible(masked);
        }

        private void edited() {
            if (!following) {
                followsUrl = false;
            }
            updateValue();
        }

        /** The URL's value of this untouched query parameter changed: the row follows it. */
        void followDefault(String value) {
            following = true;
            try {
                plainDefault.setValue(Objects.requireNonNullElse(value, ""));
                secretDefault.setValue(plainDefault.getValue());
            } finally {
                following = false;
            }
        }
    }
}
