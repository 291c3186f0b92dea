package org.socketboard.service.ui;

import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.treegrid.TreeGrid;
import org.socketboard.service.domain.FieldMeta;

import java.util.List;

/** Inferred fields as a fully expanded tree: name, JSON path, type and example value. */
class FieldTree extends TreeGrid<FieldMeta> {

    /** Deep enough for any sample a person pastes; deeper levels stay collapsed but reachable. */
    private static final int EXPANDED_DEPTH = 16;

    FieldTree(String id) {
        setId(id);
        addHierarchyColumn(FieldMeta::name).setHeader("Name").setKey("name").setFlexGrow(2);
        addColumn(FieldMeta::path).setHeader("Path").setKey("path").setFlexGrow(2);
        addColumn(field -> field.type().name()).setHeader("Type").setKey("type");
        addColumn(FieldMeta::example).setHeader("Example").setKey("example").setFlexGrow(2);
        addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        setHeight("18rem");
        show(List.of());
    }

    void show(List<FieldMeta> fields) {
        setItems(fields, FieldMeta::children);
        expandRecursively(fields, EXPANDED_DEPTH);
    }
}
