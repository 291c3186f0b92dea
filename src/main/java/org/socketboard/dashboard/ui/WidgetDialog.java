package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.base.Timestamps;
import org.socketboard.dashboard.DashboardField;
import org.socketboard.dashboard.DashboardVariables;
import org.socketboard.dashboard.domain.Widget;
import org.socketboard.dashboard.domain.WidgetConfig;
import org.socketboard.dashboard.domain.WidgetConfig.ChartKind;
import org.socketboard.dashboard.domain.WidgetConfig.XSource;
import org.socketboard.dashboard.domain.WidgetType;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.domain.VariableScope;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Adds a widget: its type, title, variable and size, then the fields it shows, picked in dropdowns
 * from the variable's inferred record fields (numeric ones for series and values, any for columns and
 * list lines). The save action reports problems back per field; the dialog stays open until it
 * succeeds.
 */
final class WidgetDialog extends Dialog {

    private final Select<WidgetType> type = select("widget-type", "Type", List.of(WidgetType.values()));
    private final TextField title = new TextField("Title");
    private final ComboBox<Variable> variable = new ComboBox<>("Variable");
    private final Select<Integer> width = select("widget-width", "Width (columns)", range(Widget.MAX_WIDTH));
    private final Select<Integer> height = select("widget-height", "Height (rows)", range(Widget.MAX_HEIGHT));
    private final FormLayout fieldsForm = new FormLayout();
    private final Span fieldsError = new Span();

    private final Select<ChartKind> chartKind = select("widget-chart-kind", "Chart", List.of(ChartKind.values()));
    private final Select<XSource> xSource = select("widget-x-source", "X from", List.of(XSource.values()));
    private final ComboBox<FieldMeta> xField = fieldBox("widget-x-field", "X field");
    private final MultiSelectComboBox<FieldMeta> series = fieldsBox("widget-series", "Series (numeric fields)");
    private final TextField xAxisTitle = textField("widget-x-title", "X axis title");
    private final TextField yAxisTitle = textField("widget-y-title", "Y axis title");
    private final TextField unit = textField("widget-unit", "Unit");
    private final MultiSelectComboBox<FieldMeta> columns = fieldsBox("widget-columns", "Columns");
    private final FieldTemplateEditor columnFormats = new FieldTemplateEditor("widget-column-formats",
            "Each column's header, and for numbers its decimals and unit");
    private final FieldTemplateEditor listTemplate = new FieldTemplateEditor("widget-list-fields",
            "The fields of an item, in order (the first is its headline), with labels").freeRows();
    private final IntegerField valueDecimals = new IntegerField("Decimals");
    private final ComboBox<FieldMeta> valueField = fieldBox("widget-value-field", "Value field (numeric)");
    private final Checkbox showChange = new Checkbox("Show the change", true);
    private final Checkbox sparkline = new Checkbox("Sparkline", false);

    private List<FieldMeta> recordFields = List.of();

    /** @param save stores the widget and returns the problems per field, empty when it was stored */
    WidgetDialog(List<Variable> variables, Function<Widget, Map<DashboardField, String>> save) {
        setHeaderTitle("Add a widget");
        setWidth("min(720px, 95vw)");
        title.setId("widget-title");
        title.setRequired(true);
        variable.setId("widget-variable");
        variable.setRequired(true);
        variable.setItems(variables);
        variable.setItemLabelGenerator(WidgetDialog::variableLabel);
        type.setItemLabelGenerator(WidgetDialog::typeLabel);
        chartKind.setItemLabelGenerator(WidgetDialog::chartKindLabel);
        xSource.setItemLabelGenerator(WidgetDialog::xSourceLabel);
        type.setValue(WidgetType.CHART);
        width.setValue(2);
        height.setValue(1);
        chartKind.setValue(ChartKind.LINE);
        xSource.setValue(XSource.TIMESTAMP);
        showChange.setId("widget-value-change");
        sparkline.setId("widget-value-sparkline");
        valueDecimals.setId("widget-value-decimals");
        valueDecimals.setMin(0);
        valueDecimals.setMax(WidgetConfig.MAX_DECIMALS);
        valueDecimals.setPlaceholder("2");
        columns.addValueChangeListener(change -> columnFormats.showFields(inRecordOrder(change.getValue())));
        fieldsError.setId("widget-fields-error");
        fieldsError.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        type.addValueChangeListener(change -> showFieldsOfType());
        variable.addValueChangeListener(change -> offerFieldsOf(change.getValue()));
        xSource.addValueChangeListener(change -> xField.setEnabled(change.getValue() != XSource.INDEX));

        var common = new FormLayout(type, title, variable, width, height);
        add(common, fieldsForm, fieldsError);
        showFieldsOfType();

        var saveButton = new Button("Add widget", click -> show(save.apply(widget())));
        saveButton.setId("widget-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        cancel.setId("widget-cancel");
        getFooter().add(cancel, saveButton);
    }

    /** Chooses the variable of that name when the dashboard may use it. */
    void chooseVariable(String name) {
        variable.getListDataView().getItems().filter(choice -> choice.getName().equals(name)).findFirst()
                .ifPresent(variable::setValue);
    }

    private static String variableLabel(Variable variable) {
        return variable.getName() + (variable.getScope() == VariableScope.DASHBOARD ? " (this dashboard)" : "");
    }

    static String typeLabel(WidgetType type) {
        return switch (type) {
            case CHART -> "Chart";
            case GRID -> "Table";
            case LIST -> "List";
            case VALUE -> "Value card";
        };
    }

    static String chartKindLabel(ChartKind kind) {
        return switch (kind) {
            case LINE -> "Line";
            case AREA -> "Area";
            case BAR -> "Bars";
            case SCATTER -> "Dots (scatter)";
            case PIE -> "Pie";
            case DONUT -> "Donut";
            case RADIAL_BAR -> "Radial bars";
        };
    }

    static String xSourceLabel(XSource source) {
        return switch (source) {
            case TIMESTAMP -> "A time field";
            case CATEGORY -> "A text field (one category per record)";
            case INDEX -> "The record's position";
        };
    }

    private void offerFieldsOf(Variable chosen) {
        recordFields = chosen == null ? List.of() : DashboardVariables.recordFields(chosen);
        // A field that was only null in the sample (NaN from a Python feed reads as null) may well be a
        // number: it is offered with the numeric ones rather than hidden.
        List<FieldMeta> numeric = recordFields.stream()
                .filter(field -> field.type().isNumeric() || field.type() == FieldType.NULL).toList();
        xField.setItems(recordFields);
        // A chart over time is the common case: its first timestamp field is the x until one is chosen.
        recordFields.stream().filter(field -> field.type() == FieldType.TIMESTAMP).findFirst().ifPresent(time -> {
            if (xField.getValue() == null || !recordFields.contains(xField.getValue())) {
                xSource.setValue(XSource.TIMESTAMP);
                xField.setValue(time);
            }
        });
        series.setItems(numeric);
        columns.setItems(recordFields);
        columnFormats.offer(recordFields);
        listTemplate.offer(recordFields);
        valueField.setItems(numeric);
    }

    private void showFieldsOfType() {
        fieldsForm.removeAll();
        fieldsError.setText("");
        switch (type.getValue()) {
            case CHART -> fieldsForm.add(chartKind, xSource, xField, series, xAxisTitle, yAxisTitle, unit);
            case GRID -> {
                fieldsForm.add(columns, columnFormats);
                fieldsForm.setColspan(columnFormats, 2);
            }
            case LIST -> {
                fieldsForm.add(listTemplate);
                fieldsForm.setColspan(listTemplate, 2);
            }
            case VALUE -> fieldsForm.add(valueField, unit, valueDecimals, showChange, sparkline);
        }
    }

    /** The widget as the form describes it; checking it is the service's job. */
    Widget widget() {
        Variable chosen = variable.getValue();
        WidgetConfig config = switch (type.getValue()) {
            case CHART -> WidgetConfig.chart(new WidgetConfig.Chart(chartKind.getValue(), xSource.getValue(),
                    xSource.getValue() == XSource.INDEX ? null : path(xField.getValue()),
                    inRecordOrder(series.getValue()).stream()
                            .map(field -> new WidgetConfig.Series(field.path(), field.label())).toList(),
                    blankToNull(xAxisTitle.getValue()), blankToNull(yAxisTitle.getValue()), blankToNull(unit.getValue())));
            case GRID -> WidgetConfig.grid(columnFormats.gridColumns());
            case LIST -> WidgetConfig.list(WidgetConfig.ListFields.template(listTemplate.listFields()));
            case VALUE -> WidgetConfig.value(new WidgetConfig.Value(path(valueField.getValue()),
                    blankToNull(unit.getValue()), showChange.getValue(), sparkline.getValue(), valueDecimals.getValue()));
        };
        return new Widget(type.getValue(), title.getValue(), chosen == null ? null : chosen.getName(),
                width.getValue(), height.getValue(), config);
    }

    /**
     * Numbers with two decimals, timestamps as local time, the rest as it comes. A text field inferred
     * before TIMESTAMP existed is a timestamp when its example is a date written out.
     */
    static WidgetConfig.Format formatOf(FieldMeta field) {
        if (field.type() == FieldType.NUMBER) {
            return WidgetConfig.Format.NUMBER;
        }
        boolean timestamp = field.type() == FieldType.TIMESTAMP
                || field.type() == FieldType.STRING && Timestamps.isDateText(field.example());
        return timestamp ? WidgetConfig.Format.TIME : WidgetConfig.Format.TEXT;
    }

    private List<FieldMeta> inRecordOrder(Collection<FieldMeta> chosen) {
        return recordFields.stream().filter(chosen::contains).toList();
    }

    private void show(Map<DashboardField, String> errors) {
        if (errors.isEmpty()) {
            close();
            return;
        }
        showError(title, errors.get(DashboardField.WIDGET_TITLE));
        showError(variable, errors.get(DashboardField.WIDGET_VARIABLE));
        showError(width, errors.get(DashboardField.WIDGET_SIZE));
        fieldsError.setText(errors.getOrDefault(DashboardField.WIDGET_FIELDS, ""));
    }

    private static void showError(HasValidation field, String message) {
        field.setInvalid(message != null);
        field.setErrorMessage(message);
    }

    private static String path(FieldMeta field) {
        return field == null ? null : field.path();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static List<Integer> range(int max) {
        return IntStream.rangeClosed(1, max).boxed().toList();
    }

    private static <T> Select<T> select(String id, String label, List<T> items) {
        var select = new Select<T>();
        select.setId(id);
        select.setLabel(label);
        select.setItems(items);
        return select;
    }

    private static TextField textField(String id, String label) {
        var field = new TextField(label);
        field.setId(id);
        return field;
    }

    private static ComboBox<FieldMeta> fieldBox(String id, String label) {
        var box = new ComboBox<FieldMeta>(label);
        box.setId(id);
        box.setItemLabelGenerator(WidgetDialog::fieldLabel);
        box.setClearButtonVisible(true);
        return box;
    }

    private static MultiSelectComboBox<FieldMeta> fieldsBox(String id, String label) {
        var box = new MultiSelectComboBox<FieldMeta>(label);
        box.setId(id);
        box.setItemLabelGenerator(WidgetDialog::fieldLabel);
        return box;
    }

    /** "/price · number", or with a display name "time (/0) · integer". */
    static String fieldLabel(FieldMeta field) {
        String type = " · " + field.type().label();
        return field.displayName() == null ? field.path() + type : field.displayName() + " (" + field.path() + ")" + type;
    }
}
