package org.socketboard.dashboard;

import org.socketboard.base.Names;
import org.socketboard.dashboard.domain.Dashboard;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.domain.Variable;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The variables a dashboard's widgets can name: the dashboard's own (dashboard-scoped, in its
 * namespace) and the application ones, and the record fields each offers (its service's inferred
 * response fields), flattened to the leaves a widget can show.
 */
@Service
public class DashboardVariables {

    private final VariableCatalog catalog;

    public DashboardVariables(VariableCatalog catalog) {
        this.catalog = catalog;
    }

    /** The dashboard's own variables first, then the global ones, each by name. */
    public List<Variable> usableIn(Dashboard dashboard) {
        List<Variable> all = catalog.list();
        List<Variable> usable = new ArrayList<>(ownedBy(dashboard, all));
        all.stream().filter(variable -> variable.getDashboardId() == null).forEach(usable::add);
        return usable;
    }

    /** The dashboard's own variables. */
    public List<Variable> ownedBy(Dashboard dashboard) {
        return ownedBy(dashboard, catalog.list());
    }

    private static List<Variable> ownedBy(Dashboard dashboard, List<Variable> all) {
        if (dashboard.getId() == null) {
            return List.of();
        }
        return all.stream().filter(variable -> Objects.equals(variable.getDashboardId(), dashboard.getId())).toList();
    }

    /** Deletes the dashboard's own variables, which cannot outlive it. */
    public void deleteOwnedBy(Dashboard dashboard) {
        ownedBy(dashboard).forEach(variable -> catalog.delete(variable.getId()));
    }

    /** The variable a widget of {@code dashboard} means by {@code name}: its own first, then the global one. */
    public Optional<Variable> find(Dashboard dashboard, String name) {
        String key = Names.key(name);
        return usableIn(dashboard).stream().filter(variable -> variable.getNameKey().equals(key)).findFirst();
    }

    /** Whether a widget of {@code dashboard} may name a variable: for {@link DashboardValidator#checkWidget}. */
    public Predicate<String> nameableIn(Dashboard dashboard) {
        return name -> find(dashboard, name).isPresent();
    }

    /** The fields of one record of {@code variable}: leaves only, objects opened up, arrays left out. */
    public static List<FieldMeta> recordFields(Variable variable) {
        List<FieldMeta> leaves = new ArrayList<>();
        addLeaves(variable.getService().getResponseFields(), leaves);
        return leaves;
    }

    private static void addLeaves(List<FieldMeta> fields, List<FieldMeta> leaves) {
        for (FieldMeta field : fields) {
            if (field.type() == FieldType.OBJECT) {
                addLeaves(field.children(), leaves);
            } else if (field.type() != FieldType.ARRAY) {
                leaves.add(field);
            }
        }
    }
}
