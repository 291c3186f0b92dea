package org.socketboard.security.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.customfield.CustomField;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import org.socketboard.security.Redactor;

/**
 * A secret in a form (a header token, an API key). A stored value stays on the server: the field shows
 * {@value Redactor#MASK} and a Replace button, which swaps in an empty password field for a new
 * value. The value is the stored one until replaced; with nothing stored, the password field shows at once.
 */
public class SecretField extends CustomField<String> {

    private final Span mask = new Span(Redactor.MASK);
    private final Button replace = new Button("Replace");
    private final PasswordField input = new PasswordField();
    private String stored = "";
    private boolean replacing = true;

    public SecretField(String label) {
        super("");
        setLabel(label);
        mask.addClassName("secret-mask");
        replace.addClassName("secret-replace");
        replace.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
        replace.addClickListener(click -> startReplacing());
        input.addClassName("secret-input");
        input.setAriaLabel(label);
        input.addValueChangeListener(change -> updateValue());
        var row = new HorizontalLayout(mask, replace, input);
        row.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        row.setPadding(false);
        add(row);
        show();
    }

    /** Whether a value is stored and kept (not being replaced). */
    public boolean isMasked() {
        return !replacing;
    }

    @Override
    protected String generateModelValue() {
        return replacing ? input.getValue() : stored;
    }

    @Override
    protected void setPresentationValue(String value) {
        stored = value == null ? "" : value;
        replacing = stored.isEmpty();
        input.clear();
        show();
    }

    private void startReplacing() {
        replacing = true;
        input.clear();
        show();
        input.focus();
        updateValue();
    }

    private void show() {
        mask.setVisible(!replacing);
        replace.setVisible(!replacing);
        input.setVisible(replacing);
    }
}
