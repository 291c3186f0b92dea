package org.socketboard.service.ui;

import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.textfield.TextFieldVariant;
import com.vaadin.flow.component.treegrid.TreeGrid;
import org.socketboard.service.ServiceValidator;
import org.socketboard.service.domain.FieldMeta;

import java.util.List;
import java.util.function.BiConsumer;

/** Inferred fields as a fully expanded tree: name, JSON path, type and example value (and, to edit, display name). */
class FieldTree extends TreeGrid<FieldMeta> {

    /** Deep enough for any sample a person pastes; deeper levels stay collapsed but reachable. */
    private static final int EXPANDED_DEPTH = 16;
    private static final int MAX_DISPLAY_NAME_LENGTH = ServiceValidator.MAX_FIELD_NAME_LENGTH;

    FieldTree(String id) {
        setId(id);
        addHierarchyColumn(FieldMeta::name).setHeader("Name").setKey("name").setFlexGrow(2);
        addColumn(FieldMeta::path).setHeader("Path").setKey("path").setFlexGrow(2);
        addColumn(field -> field.type().label()).setHeader("Type").setKey("type");
        addColumn(FieldMeta::example).setHeader("Example").setKey("example").setFlexGrow(2);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setHeight("18rem");
        show(List.of());
    }

    /**
     * Adds a "Display name" column: a text field per row, holding the field's display name (its name
     * as placeholder); {@code renamed} hears each change.
     */
    void editDisplayNames(BiConsumer<FieldMeta, String> renamed) {
        addComponentColumn(field -> {
            var input = new TextField();
            input.setPlaceholder(field.name());
            input.setValue(field.displayName() == null ? "" : field.displayName());
            input.setMaxLength(MAX_DISPLAY_NAME_LENGTH);
            input.setWidthFull();
            input.addThemeVariants(TextFieldVariant.LUMO_SMALL);
            input.setAriaLabel("Display name of " + field.path());
            input.addClassName("service-field-display-name");
            input.addValueChangeListener(event -> renamed.accept(field, event.getValue()));
            return input;
        }).setHeader("Display name").setKey("displayName").setFlexGrow(2);
    }

    void show(List<FieldMeta> fields) {
        setItems(fields, FieldMeta::children);
        expandRecursively(fields, EXPANDED_DEPTH);
    }
}
