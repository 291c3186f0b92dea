package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.dashboard.transfer.ConflictAction;
import org.socketboard.dashboard.transfer.ConflictResolutions;
import org.socketboard.dashboard.transfer.ImportConflict;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Asks what to do with each name an imported bundle shares with a different definition on this
 * server: keep ours (skip), overwrite it (replace) or import a copy under a new name (rename, the
 * default: nothing of ours changes). Confirming hands the answers on; the dialog stays open until the
 * caller closes it, so a refusal can be shown in it.
 */
class ImportDialog extends Dialog {

    private final Map<ImportConflict, RadioButtonGroup<ConflictAction>> choices = new LinkedHashMap<>();
    private final Paragraph problem = new Paragraph();

    ImportDialog(List<ImportConflict> conflicts, BiConsumer<ImportDialog, ConflictResolutions> onConfirm) {
        setHeaderTitle("Some names are taken");
        var intro = new Paragraph("This server already has different definitions with these names. "
                + "Choose for each what the import does.");
        var rows = new VerticalLayout(intro);
        rows.setPadding(false);
        for (ImportConflict conflict : conflicts) {
            var choice = new RadioButtonGroup<ConflictAction>(capitalized(conflict.toString()));
            choice.setItems(ConflictAction.values());
            choice.setItemLabelGenerator(ImportDialog::label);
            choice.setValue(ConflictAction.RENAME);
            choice.setId(("import-conflict-" + conflict.kind().label() + "-" + conflict.name()).replaceAll("[^A-Za-z0-9_-]", "-"));
            choices.put(conflict, choice);
            rows.add(choice);
        }
        problem.setId("import-problem");
        problem.addClassName(LumoUtility.TextColor.ERROR);
        problem.setVisible(false);
        rows.add(problem);
        add(rows);

        var confirm = new Button("Import", click -> onConfirm.accept(this, answers()));
        confirm.setId("import-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        var cancel = new Button("Cancel", click -> close());
        cancel.setId("import-cancel");
        getFooter().add(cancel, confirm);
    }

    /** Shows why the import was refused; nothing was stored. */
    void showProblem(String message) {
        problem.setText(message);
        problem.setVisible(true);
    }

    private ConflictResolutions answers() {
        Map<ImportConflict, ConflictAction> answers = new LinkedHashMap<>();
        choices.forEach((conflict, choice) -> answers.put(conflict, choice.getValue()));
        return new ConflictResolutions(null, answers);
    }

    private static String label(ConflictAction action) {
        return switch (action) {
            case SKIP -> "Keep the one here";
            case REPLACE -> "Replace it";
            case RENAME -> "Import a copy under a new name";
        };
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
