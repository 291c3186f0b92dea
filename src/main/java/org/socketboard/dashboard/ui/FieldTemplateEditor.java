package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.service.domain.FieldMeta;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields a widget shows, in order, each with its label, and for numbers its decimals and unit
 * (issue 13.5; offered only on a row whose field is shown as a number, the only place they apply).
 * A list's template adds and removes rows freely ({@link #freeRows}); a grid's follows the
 * columns chosen in its dropdown ({@link #showFields}), one row per column. Rows carry the class
 * {@code widget-template-row}; their inputs {@code template-field}, {@code template-label},
 * {@code template-decimals}, {@code template-unit}.
 */
final class FieldTemplateEditor extends VerticalLayout {

    private final Div rows = new Div();
    private final Button add = new Button("Add a field", VaadinIcon.PLUS.create());
    private List<FieldMeta> offered = List.of();
    private boolean free;

    FieldTemplateEditor(String id, String caption) {
        setId(id);
        setPadding(false);
        setSpacing(false);
        var title = new Span(caption);
        title.addClassName("widget-template-caption");
        add.setId(id + "-add");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        add.addClickListener(click -> addRow(null, null, null, null));
        add.setVisible(false);
        add(title, rows, add);
    }

    /** A list's template: the admin adds, orders (by adding) and removes rows. */
    FieldTemplateEditor freeRows() {
        free = true;
        add.setVisible(true);
        return this;
    }

    /** The record fields the rows may pick from. */
    void offer(List<FieldMeta> fields) {
        offered = fields;
        rows().forEach(row -> row.field.setItems(fields));
    }

    /** One row per field, in order, keeping what was typed for a field that stays. */
    void showFields(List<FieldMeta> fields) {
        List<Row> before = rows();
        rows.removeAll();
        for (FieldMeta field : fields) {
            before.stream().filter(row -> field.equals(row.field.getValue())).findFirst().ifPresentOrElse(rows::add,
                    () -> addRow(field, field.label(), null, null));
        }
    }

    /**
     * Rows as a widget stored them, for editing it: one per entry, on the offered field at its path
     * (a path not offered gets an empty field). For a grid, call after its columns are chosen.
     */
    void load(List<WidgetConfig.ListField> stored) {
        rows.removeAll();
        for (WidgetConfig.ListField entry : stored) {
            FieldMeta field = offered.stream().filter(one -> one.path().equals(entry.path())).findFirst().orElse(null);
            addRow(field, entry.label(), entry.decimals(), entry.unit());
        }
    }

    /** The fields as the list widget stores them, blank rows left out; decimals and unit only for numbers. */
    List<WidgetConfig.ListField> listFields() {
        return rows().stream().filter(row -> row.field.getValue() != null)
                .map(row -> new WidgetConfig.ListField(row.field.getValue().path(), blankToNull(row.label.getValue()),
                        WidgetDialog.formatOf(row.field.getValue()),
                        row.isNumber() ? row.decimals.getValue() : null,
                        row.isNumber() ? blankToNull(row.unit.getValue()) : null))
                .toList();
    }

    /** The grid's columns, headers from the labels. */
    List<WidgetConfig.GridColumn> gridColumns() {
        return listFields().stream().map(field -> new WidgetConfig.GridColumn(field.path(), field.label(),
                field.format(), field.decimals(), field.unit())).toList();
    }

    private void addRow(FieldMeta field, String label, Integer decimals, String unit) {
        var row = new Row(free);
        row.field.setItems(offered);
        row.field.setValue(field);
        row.label.setValue(label == null ? "" : label);
        row.decimals.setValue(decimals);
        row.unit.setValue(unit == null ? "" : unit);
        rows.add(row);
    }

    private List<Row> rows() {
        List<Row> all = new ArrayList<>();
        rows.getChildren().forEach(child -> all.add((Row) child));
        return all;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private final class Row extends HorizontalLayout {

        private final ComboBox<FieldMeta> field = new ComboBox<>("Field");
        private final TextField label = new TextField("Label");
        private final IntegerField decimals = new IntegerField("Decimals");
        private final TextField unit = new TextField("Unit");

        Row(boolean removable) {
            addClassName("widget-template-row");
            setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            setWidthFull();
            field.addClassName("template-field");
            field.setItemLabelGenerator(WidgetDialog::fieldLabel);
            field.setReadOnly(!removable);
            field.addValueChangeListener(change -> {
                if (change.isFromClient() && change.getValue() != null && label.getValue().isBlank()) {
                    label.setValue(change.getValue().label());
                }
                showNumberSettings();
            });
            label.addClassName("template-label");
            decimals.addClassName("template-decimals");
            decimals.setMin(0);
            decimals.setMax(WidgetConfig.MAX_DECIMALS);
            decimals.setPlaceholder("2");
            decimals.setHelperText("numbers");
            decimals.setWidth("7em");
            unit.addClassName("template-unit");
            unit.setWidth("7em");
            add(field, label, decimals, unit);
            showNumberSettings();
            if (removable) {
                var remove = new Button(VaadinIcon.TRASH.create(), click -> rows.remove(this));
                remove.addClassName("template-remove");
                remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
                remove.setAriaLabel("Remove this field");
                add(remove);
            }
        }

        /** Whether the field is shown as a number, where decimals and unit apply. */
        boolean isNumber() {
            return field.getValue() != null && WidgetDialog.formatOf(field.getValue()) == WidgetConfig.Format.NUMBER;
        }

        private void showNumberSettings() {
            decimals.setVisible(isNumber());
            unit.setVisible(isNumber());
        }
    }
}
