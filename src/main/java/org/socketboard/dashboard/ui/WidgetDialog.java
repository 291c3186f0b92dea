package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
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
import org.socketboard.base.BidiControls;
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

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Adds a widget, or edits one (every field prefilled from it): its type, title, variable and size,
 * then the fields it shows, picked in dropdowns from the variable's inferred record fields (numeric
 * ones for series and values, any for columns, list lines, a chart's split and the filter), and a
 * filter that keeps only the records whose field has a value. A field the widget uses that the
 * variable's metadata no longer lists is still offered, so an edit loses nothing unasked. The save
 * action reports problems back per field; the dialog stays open until it succeeds.
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
    private final ComboBox<FieldMeta> splitBy = fieldBox("widget-split-by", "Split by (one line per value)");
    private final MultiSelectComboBox<FieldMeta> columns = fieldsBox("widget-columns", "Columns");
    private final FieldTemplateEditor columnFormats = new FieldTemplateEditor("widget-column-formats",
            "Each column's header, and for numbers its decimals and unit");
    private final FieldTemplateEditor listTemplate = new FieldTemplateEditor("widget-list-fields",
            "The fields of an item, in order (the first is its headline), with labels").freeRows();
    private final IntegerField valueDecimals = new IntegerField("Decimals");
    private final ComboBox<FieldMeta> valueField = fieldBox("widget-value-field", "Value field (numeric)");
    private final Checkbox showChange = new Checkbox("Show the change", true);
    private final Checkbox sparkline = new Checkbox("Sparkline", false);
    private final ComboBox<FieldMeta> filterField = fieldBox("widget-filter-field", "Filter by field");
    private final TextField filterValue = textField("widget-filter-value", "Only where it is");

    private List<FieldMeta> recordFields = List.of();
    /** The widget being edited, or null when adding one. */
    private final Widget editing;

    /**
     * @param editing the widget to edit (its settings fill the form), or null to add a new one
     * @param save    stores the widget and returns the problems per field, empty when it was stored
     */
    WidgetDialog(List<Variable> variables, Widget editing, Function<Widget, Map<DashboardField, String>> save) {
        this.editing = editing;
        setHeaderTitle(editing == null ? "Add a widget" : "Edit " + BidiControls.strip(editing.getTitle()));
        setWidth("min(720px, 95vw)");
        title.setId("widget-title");
        title.setMaxLength(Widget.MAX_TITLE_LENGTH);
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
        columns.addValueChangeListener(change -> {
            columnFormats.showFields(inRecordOrder(change.getValue()));
            showError(columns, null);
        });
        // Its error comes from the catalog's check on save; the box's own check (on blur) would clear it.
        columns.setManualValidation(true);
        fieldsError.setId("widget-fields-error");
        fieldsError.addClassNames(LumoUtility.TextColor.ERROR, LumoUtility.FontSize.SMALL);
        type.addValueChangeListener(change -> showFieldsOfType());
        variable.addValueChangeListener(change -> offerFieldsOf(change.getValue()));
        xSource.addValueChangeListener(change -> xField.setEnabled(change.getValue() != XSource.INDEX));
        // A problem with the fields is out of date once the user changes one of them.
        Stream.<HasValue<?, ?>>of(chartKind, xSource, xField, series, splitBy, columns, valueField, filterField, filterValue)
                .forEach(field -> field.addValueChangeListener(change -> fieldsError.setText("")));

        filterField.setHelperText("Only records whose field has this value count, e.g. one ticker symbol");
        splitBy.setHelperText("E.g. the symbol: one line per symbol, at most "
                + WidgetConfig.Chart.MAX_SPLIT_SERIES);

        var common = new FormLayout(type, title, variable, width, height);
        var filter = new FormLayout(filterField, filterValue);
        add(common, fieldsForm, filter, fieldsError);
        showFieldsOfType();
        if (editing != null) {
            prefill(editing, variables);
        }

        var saveButton = new Button(editing == null ? "Add widget" : "Save", click -> show(save.apply(widget())));
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
        if (editing != null && chosen != null && chosen.getName().equalsIgnoreCase(editing.getVariableName())) {
            recordFields = withPathsOf(editing.getConfig(), recordFields);
        }
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
        splitBy.setItems(recordFields);
        filterField.setItems(recordFields);
        valueField.setItems(numeric);
        // A value card on a record with one number shows that number until another field is chosen.
        List<FieldMeta> numbers = recordFields.stream().filter(field -> field.type().isNumeric()).toList();
        if (numbers.size() == 1 && (valueField.getValue() == null || !numeric.contains(valueField.getValue()))) {
            valueField.setValue(numbers.get(0));
        }
    }

    private void showFieldsOfType() {
        fieldsForm.removeAll();
        fieldsError.setText("");
        switch (type.getValue()) {
            case CHART -> fieldsForm.add(chartKind, xSource, xField, series, splitBy, xAxisTitle, yAxisTitle, unit);
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
        WidgetConfig before = editing == null ? new WidgetConfig(null, null, null, null) : editing.getConfig();
        WidgetConfig config = switch (type.getValue()) {
            case CHART -> WidgetConfig.chart(new WidgetConfig.Chart(chartKind.getValue(), xSource.getValue(),
                    xSource.getValue() == XSource.INDEX ? null : path(xField.getValue()),
                    inRecordOrder(series.getValue()).stream().map(field -> seriesOf(field, before.chart())).toList(),
                    blankToNull(xAxisTitle.getValue()), blankToNull(yAxisTitle.getValue()), blankToNull(unit.getValue()),
                    path(splitBy.getValue())));
            case GRID -> WidgetConfig.grid(columnFormats.gridColumns());
            case LIST -> WidgetConfig.list(WidgetConfig.ListFields.template(listTemplate.listFields()));
            case VALUE -> WidgetConfig.value(new WidgetConfig.Value(path(valueField.getValue()),
                    blankToNull(unit.getValue()), showChange.getValue(), sparkline.getValue(), valueDecimals.getValue()));
        };
        if (filterField.getValue() != null || !filterValue.getValue().isBlank()) {
            config = config.filtered(new WidgetConfig.Filter(path(filterField.getValue()), blankToNull(filterValue.getValue())));
        }
        return new Widget(type.getValue(), title.getValue(), chosen == null ? null : chosen.getName(),
                width.getValue(), height.getValue(), config);
    }

    private void prefill(Widget widget, List<Variable> variables) {
        type.setValue(widget.getType());
        title.setValue(widget.getTitle());
        width.setValue(Math.max(1, Math.min(Widget.MAX_WIDTH, widget.getWidth())));
        height.setValue(Math.max(1, Math.min(Widget.MAX_HEIGHT, widget.getHeight())));
        variables.stream().filter(candidate -> candidate.getName().equalsIgnoreCase(widget.getVariableName()))
                .findFirst().ifPresent(variable::setValue);
        WidgetConfig config = widget.getConfig();
        switch (widget.getType()) {
            case CHART -> {
                WidgetConfig.Chart chart = config.chart();
                if (chart != null) {
                    chartKind.setValue(chart.kind());
                    xSource.setValue(chart.x());
                    xField.setValue(fieldAt(chart.xField()));
                    series.setValue(fieldsAt(chart.series().stream().map(WidgetConfig.Series::field)));
                    splitBy.setValue(fieldAt(chart.splitBy()));
                    xAxisTitle.setValue(orEmpty(chart.xAxisTitle()));
                    yAxisTitle.setValue(orEmpty(chart.yAxisTitle()));
                    unit.setValue(orEmpty(chart.unit()));
                }
            }
            case GRID -> {
                if (config.columns() != null) {
                    columns.setValue(fieldsAt(config.columns().stream().map(WidgetConfig.GridColumn::path)));
                    columnFormats.load(config.columns().stream().map(column -> new WidgetConfig.ListField(
                            column.path(), column.header(), column.format(), column.decimals(), column.unit())).toList());
                }
            }
            case LIST -> {
                if (config.list() != null) {
                    listTemplate.load(config.list().shown());
                }
            }
            case VALUE -> {
                if (config.value() != null) {
                    valueField.setValue(fieldAt(config.value().field()));
                    unit.setValue(orEmpty(config.value().unit()));
                    valueDecimals.setValue(config.value().decimals());
                    showChange.setValue(config.value().showChange());
                    sparkline.setValue(config.value().sparkline());
                }
            }
        }
        if (config.filter() != null) {
            filterField.setValue(fieldAt(config.filter().field()));
            filterValue.setValue(orEmpty(config.filter().value()));
        }
    }

    /** The offered field at {@code path}; null for no path. */
    private FieldMeta fieldAt(String path) {
        return path == null ? null
                : recordFields.stream().filter(field -> field.path().equals(path)).findFirst().orElse(null);
    }

    private Set<FieldMeta> fieldsAt(Stream<String> paths) {
        return paths.map(this::fieldAt).filter(Objects::nonNull).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** The fields offered plus any path the settings use that they lack (the metadata changed since). */
    private static List<FieldMeta> withPathsOf(WidgetConfig config, List<FieldMeta> offered) {
        List<FieldMeta> fields = new ArrayList<>(offered);
        Stream.of(
                config.chart() == null ? Stream.<String>empty() : Stream.concat(
                        Stream.of(config.chart().xField(), config.chart().splitBy()),
                        config.chart().series().stream().map(WidgetConfig.Series::field)),
                config.columns() == null ? Stream.<String>empty() : config.columns().stream().map(WidgetConfig.GridColumn::path),
                config.list() == null ? Stream.<String>empty() : config.list().shown().stream().map(WidgetConfig.ListField::path),
                config.value() == null ? Stream.<String>empty() : Stream.of(config.value().field()),
                config.filter() == null ? Stream.<String>empty() : Stream.of(config.filter().field()))
                .flatMap(paths -> paths)
                .filter(path -> path != null && !path.isBlank())
                .distinct()
                .filter(path -> fields.stream().noneMatch(field -> field.path().equals(path)))
                // Unknown type: offered among the numeric ones too, as a null-only field is.
                .forEach(path -> fields.add(FieldMeta.leaf(path.substring(path.lastIndexOf('/') + 1), path, FieldType.NULL, null)));
        return fields;
    }

    /** A series of {@code field}; the legend name it had before when it was there, else the field's label. */
    private static WidgetConfig.Series seriesOf(FieldMeta field, WidgetConfig.Chart before) {
        String name = before == null ? null : before.series().stream()
                .filter(one -> one.field().equals(field.path())).map(WidgetConfig.Series::name).findFirst().orElse(null);
        return new WidgetConfig.Series(field.path(), name != null ? name : field.label());
    }

    private static String orEmpty(String text) {
        return text == null ? "" : text;
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
        String fieldsProblem = errors.get(DashboardField.WIDGET_FIELDS);
        // A table without columns is told at the columns box, where the choice is made; the fields'
        // other problems (a path, decimals) stay under the form.
        boolean noColumns = fieldsProblem != null && type.getValue() == WidgetType.GRID && columns.isEmpty();
        showError(columns, noColumns ? fieldsProblem : null);
        fieldsError.setText(fieldsProblem == null || noColumns ? "" : fieldsProblem);
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
