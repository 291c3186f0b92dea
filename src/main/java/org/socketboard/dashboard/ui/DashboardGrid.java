package org.socketboard.dashboard.ui;

import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.CssImport;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.html.Div;
import elemental.json.Json;
import elemental.json.JsonArray;
import elemental.json.JsonObject;
import elemental.json.JsonType;
import elemental.json.JsonValue;
import org.socketboard.dashboard.domain.GridLayout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A gridstack grid of widgets ({@code <sb-dashboard-grid>}, frontend/components/dashboard-grid.ts):
 * {@value org.socketboard.dashboard.domain.Widget#MAX_WIDTH} columns, one on a phone. Each widget sits in
 * an item carrying its id, place and size ({@code gs-id}, {@code gs-x}, {@code gs-y}, {@code gs-w},
 * {@code gs-h}). When {@link #setEditable editable}, the user drags widgets by their header and resizes
 * them from the corner; the browser then sends the whole layout ({@link #layoutChanged}) and the
 * listener stores it. Not editable: a static grid, and whatever the browser sends is ignored.
 */
@Tag("sb-dashboard-grid")
@NpmPackage(value = "gridstack", version = "14.1.1")
@JsModule("./components/dashboard-grid.ts")
@CssImport("gridstack/dist/gridstack.min.css")
public class DashboardGrid extends Component implements HasSize {

    public static final String ID_ATTRIBUTE = "gs-id";

    /** The item of each widget by widget id, in the order added. */
    private final Map<Long, Div> items = new LinkedHashMap<>();
    private boolean editable;
    private Consumer<Map<Long, GridLayout.Placement>> layoutListener = places -> { };

    public DashboardGrid() {
        getElement().getClassList().add("grid-stack");
        setWidthFull();
    }

    /** Whether the user may move and resize widgets (editors); a viewer's grid is static. */
    public void setEditable(boolean editable) {
        this.editable = editable;
        getElement().setAttribute("editable", editable);
    }

    public boolean isEditable() {
        return editable;
    }

    /** Called with the places (by widget id) of a layout the user made, only while editable. */
    public void setLayoutListener(Consumer<Map<Long, GridLayout.Placement>> listener) {
        this.layoutListener = listener;
    }

    /** Adds a widget's content at {@code place}. */
    public void add(long widgetId, GridLayout.Placement place, Component content) {
        var item = new Div();
        item.addClassName("grid-stack-item");
        item.getElement().setAttribute(ID_ATTRIBUTE, Long.toString(widgetId));
        content.getElement().getClassList().add("grid-stack-item-content");
        item.add(content);
        items.put(widgetId, item);
        show(item, place);
        getElement().appendChild(item.getElement());
    }

    /**
     * Puts {@code content} in the place of the widget's current content. Only that child is swapped:
     * gridstack keeps its resize handle in the item too, and clearing the item (Flow's client empties
     * the whole DOM node) took the handle away under gridstack, whose destroy then failed to remove it.
     */
    public void setContent(long widgetId, Component content) {
        content.getElement().getClassList().add("grid-stack-item-content");
        Optional.ofNullable(items.get(widgetId)).ifPresent(item -> {
            item.getChildren().toList().forEach(item::remove);
            item.add(content);
        });
    }

    /** Moves widgets to these places, here and in the browser. */
    public void place(Map<Long, GridLayout.Placement> places) {
        JsonArray moved = Json.createArray();
        places.forEach((id, place) -> Optional.ofNullable(items.get(id)).ifPresent(item -> {
            if (!place.equals(placeOf(id).orElse(null))) {
                show(item, place);
                moved.set(moved.length(), json(id, place));
            }
        }));
        if (moved.length() > 0) {
            getElement().callJsFunction("place", moved);
        }
    }

    /** The place of a widget as this grid shows it. */
    public Optional<GridLayout.Placement> placeOf(long widgetId) {
        return Optional.ofNullable(items.get(widgetId)).map(item -> new GridLayout.Placement(
                number(item, "gs-x"), number(item, "gs-y"), number(item, "gs-w"), number(item, "gs-h")));
    }

    /** Removes the widgets one by one, leaving what gridstack added to the grid (e.g. a drag placeholder). */
    public void removeAll() {
        items.values().forEach(item -> getElement().removeChild(item.getElement()));
        items.clear();
    }

    /**
     * The browser's layout after the user let go of a widget: a list of {@code {id, x, y, w, h}}.
     * Entries that are not of that shape, or name no widget here, are left out.
     */
    @ClientCallable
    void layoutChanged(JsonArray places) {
        if (!editable) {
            return;
        }
        Map<Long, GridLayout.Placement> layout = new LinkedHashMap<>();
        for (int i = 0; i < places.length(); i++) {
            JsonValue entry = places.get(i);
            if (entry.getType() != JsonType.OBJECT) {
                continue;
            }
            JsonObject place = (JsonObject) entry;
            Long id = whole(place, "id");
            Long x = whole(place, "x");
            Long y = whole(place, "y");
            Long w = whole(place, "w");
            Long h = whole(place, "h");
            if (id != null && items.containsKey(id) && x != null && y != null && w != null && h != null) {
                layout.put(id, new GridLayout.Placement(x.intValue(), y.intValue(), w.intValue(), h.intValue()));
            }
        }
        layout.forEach((id, place) -> show(items.get(id), place));
        if (!layout.isEmpty()) {
            layoutListener.accept(layout);
        }
    }

    private static void show(Div item, GridLayout.Placement place) {
        item.getElement().setAttribute("gs-x", Integer.toString(place.x()));
        item.getElement().setAttribute("gs-y", Integer.toString(place.y()));
        item.getElement().setAttribute("gs-w", Integer.toString(place.w()));
        item.getElement().setAttribute("gs-h", Integer.toString(place.h()));
    }

    private static int number(Div item, String attribute) {
        return Integer.parseInt(item.getElement().getAttribute(attribute));
    }

    /** A whole number within ±10⁶ (a grid has no more), else null. */
    private static Long whole(JsonObject object, String key) {
        if (!object.hasKey(key) || object.get(key).getType() != JsonType.NUMBER) {
            return null;
        }
        double value = object.getNumber(key);
        return value == Math.rint(value) && Math.abs(value) <= 1_000_000 ? (long) value : null;
    }

    /** A place as the browser sends and receives it: {@code {id, x, y, w, h}}. */
    static JsonObject json(long id, GridLayout.Placement place) {
        JsonObject object = Json.createObject();
        object.put("id", id);
        object.put("x", place.x());
        object.put("y", place.y());
        object.put("w", place.w());
        object.put("h", place.h());
        return object;
    }
}
