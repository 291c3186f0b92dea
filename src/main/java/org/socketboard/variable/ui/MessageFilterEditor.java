package org.socketboard.variable.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.MessageFilter;
import org.socketboard.variable.domain.MessageFilter.Condition;
import org.socketboard.variable.domain.MessageFilter.Match;
import org.socketboard.variable.domain.MessageFilter.Mode;
import org.socketboard.variable.domain.MessageFilter.Operator;
import org.socketboard.variable.runtime.MessageSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Edits a variable's {@link MessageFilter}: keep or drop, all or any, and one row per condition (field
 * as a JSON Pointer, operator, value) with add and remove. Checking it is the catalog's job; its
 * message shows under the editor.
 */
class MessageFilterEditor extends CustomField<MessageFilter> {

    private final Select<Mode> mode = new Select<>();
    private final Select<Match> match = new Select<>();
    private final VerticalLayout rows = new VerticalLayout();
    private final Span empty = new Span("No conditions: every message goes on to the record path.");
    private final List<Row> conditions = new ArrayList<>();

    MessageFilterEditor() {
        setId("variable-filter");
        setLabel("Message filter");
        setHelperText("Applied to each whole message before the record path and the strategy; "
                + "the inspector counts the messages it filtered out");
        mode.setId("variable-filter-mode");
        mode.setItems(Mode.values());
        mode.setItemLabelGenerator(MessageFilterEditor::modeLabel);
        mode.setValue(Mode.DROP);
        match.setId("variable-filter-match");
        match.setItems(Match.values());
        match.setItemLabelGenerator(MessageFilterEditor::matchLabel);
        match.setValue(Match.ANY);
        mode.addValueChangeListener(event -> updateValue());
        match.addValueChangeListener(event -> updateValue());
        rows.setPadding(false);
        rows.setSpacing(false);
        var add = new Button("Add condition", VaadinIcon.PLUS.create(), click -> {
            addRow(new Condition("", Operator.EQUALS, ""));
            updateValue();
        });
        add.setId("variable-filter-add");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        // Wide enough for "Keep only messages that match" and "any condition" (a Select is 12em by default,
        // which cut them); they wrap under each other on a narrow screen.
        mode.setMinWidth("19em");
        match.setMinWidth("12em");
        var header = new HorizontalLayout(mode, match);
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.setWrap(true);
        header.setFlexGrow(2, mode);
        header.setFlexGrow(1, match);
        var content = new VerticalLayout(header, empty, rows, add);
        content.setPadding(false);
        content.setSpacing(false);
        add(content);
        setWidthFull();
        refreshEmptyState();
    }

    @Override
    protected MessageFilter generateModelValue() {
        return new MessageFilter(mode.getValue(), match.getValue(), conditions.stream().map(Row::condition).toList());
    }

    @Override
    protected void setPresentationValue(MessageFilter filter) {
        MessageFilter shown = filter == null ? MessageFilter.NONE : filter;
        mode.setValue(shown.mode());
        match.setValue(shown.match());
        rows.removeAll();
        conditions.clear();
        shown.conditions().forEach(this::addRow);
        refreshEmptyState();
    }

    private void addRow(Condition condition) {
        var row = new Row(condition);
        conditions.add(row);
        rows.add(row.layout);
        refreshEmptyState();
    }

    private void refreshEmptyState() {
        empty.setVisible(conditions.isEmpty());
        match.setVisible(conditions.size() > 1);
    }

    /** One condition's inputs; the value input hides for EXISTS, which needs none. */
    private final class Row {
        private final TextField field = new TextField();
        private final Select<Operator> operator = new Select<>();
        private final TextField value = new TextField();
        private final HorizontalLayout layout;

        Row(Condition condition) {
            field.addClassName("filter-field");
            field.setPlaceholder("/type");
            field.setAriaLabel("Field (JSON Pointer)");
            field.setValue(condition.field() == null ? "" : condition.field());
            operator.addClassName("filter-operator");
            operator.setAriaLabel("Test");
            operator.setItems(Operator.values());
            operator.setItemLabelGenerator(MessageFilterEditor::operatorLabel);
            operator.setValue(condition.operator() == null ? Operator.EQUALS : condition.operator());
            value.addClassName("filter-value");
            value.setAriaLabel("Value or pattern");
            value.setValue(condition.value() == null ? "" : condition.value());
            var remove = new Button(VaadinIcon.CLOSE_SMALL.create());
            remove.addClassName("filter-remove");
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            remove.setAriaLabel("Remove this condition");
            field.setMaxLength(VariableCatalog.MAX_POINTER_LENGTH);
            value.setMaxLength(MessageSelector.MAX_PATTERN_LENGTH);
            // "matches (regular expression)" in full; field and value take the rest of the line.
            operator.setMinWidth("17em");
            layout = new HorizontalLayout(field, operator, value, remove);
            layout.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
            layout.setWidthFull();
            layout.setWrap(true);
            layout.setFlexGrow(1, field, value);
            field.addValueChangeListener(event -> updateValue());
            value.addValueChangeListener(event -> updateValue());
            operator.addValueChangeListener(event -> {
                showValueInput();
                updateValue();
            });
            remove.addClickListener(click -> {
                conditions.remove(this);
                rows.remove(layout);
                refreshEmptyState();
                updateValue();
            });
            showValueInput();
        }

        private void showValueInput() {
            value.setVisible(operator.getValue() != Operator.EXISTS);
            value.setPlaceholder(operator.getValue() == Operator.MATCHES ? "^(ping|pong)$" : "heartbeat");
        }

        Condition condition() {
            Operator chosen = operator.getValue();
            return new Condition(field.getValue().trim(), chosen, chosen == Operator.EXISTS ? null : value.getValue());
        }
    }

    static String modeLabel(Mode mode) {
        return mode == Mode.KEEP ? "Keep only messages that match" : "Drop messages that match";
    }

    static String matchLabel(Match match) {
        return match == Match.ALL ? "all conditions" : "any condition";
    }

    static String operatorLabel(Operator operator) {
        return switch (operator) {
            case EQUALS -> "equals";
            case NOT_EQUALS -> "does not equal";
            case EXISTS -> "exists";
            case MATCHES -> "matches (regular expression)";
        };
    }
}
