package org.socketboard.dashboard.domain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Places widgets on a dashboard's grid of {@value Widget#MAX_WIDTH} columns without overflow and
 * without holes the user did not make, as gridstack does with {@code float: false}:
 * <ul>
 *   <li>a width is clamped to 1..{@value Widget#MAX_WIDTH} columns, a height to
 *   1..{@value Widget#MAX_HEIGHT} rows, and a column so that the widget ends inside the grid;</li>
 *   <li>placed widgets are taken top to bottom (then left to right) and each one rises as far as the
 *   widgets already above it in its columns let it (it never passes through one);</li>
 *   <li>widgets without a place (stored before layouts existed, added, duplicated, imported from an
 *   old bundle) then take the first free place in reading order, in their list order.</li>
 * </ul>
 * Arranging an arranged layout changes nothing. Pure: the inputs are not changed.
 */
public final class GridLayout {

    /** A widget's wish: its place (both null: none yet) and size, in grid cells. */
    public record Cell(Integer x, Integer y, int w, int h) {
    }

    /** Where a widget ends up: column and row from 0, width and height in cells. */
    public record Placement(int x, int y, int w, int h) {
        boolean overlaps(int otherX, int otherY, int otherW, int otherH) {
            return x < otherX + otherW && otherX < x + w && y < otherY + otherH && otherY < y + h;
        }
    }

    private GridLayout() {
    }

    /** The placements of {@code cells}, in the same order. */
    public static List<Placement> arrange(List<Cell> cells) {
        Placement[] placed = new Placement[cells.size()];
        List<Placement> taken = new ArrayList<>();
        List<Integer> withPlace = IntStream.range(0, cells.size())
                .filter(i -> cells.get(i).x() != null && cells.get(i).y() != null)
                .boxed()
                .sorted(Comparator.<Integer>comparingInt(i -> cells.get(i).y()).thenComparingInt(i -> cells.get(i).x()))
                .toList();
        for (int i : withPlace) {
            Cell cell = cells.get(i);
            int w = width(cell.w());
            int h = height(cell.h());
            int x = Math.max(0, Math.min(Widget.MAX_WIDTH - w, cell.x()));
            // Rise until the first widget above in these columns: below the lowest one placed so far.
            int y = taken.stream().filter(other -> other.x() < x + w && x < other.x() + other.w())
                    .mapToInt(other -> other.y() + other.h()).max().orElse(0);
            placed[i] = new Placement(x, y, w, h);
            taken.add(placed[i]);
        }
        for (int i = 0; i < cells.size(); i++) {
            if (placed[i] == null) {
                placed[i] = firstFree(width(cells.get(i).w()), height(cells.get(i).h()), taken);
                taken.add(placed[i]);
            }
        }
        return List.of(placed);
    }

    /** The layout of a dashboard's widgets as stored, in list order. */
    public static List<Placement> of(List<Widget> widgets) {
        return arrange(widgets.stream()
                .map(widget -> new Cell(widget.getGridX(), widget.getGridY(), widget.getWidth(), widget.getHeight()))
                .toList());
    }

    /** Arranges the widgets and stores the result on them (size and place). */
    public static void apply(List<Widget> widgets) {
        List<Placement> placements = of(widgets);
        for (int i = 0; i < widgets.size(); i++) {
            Placement placement = placements.get(i);
            Widget widget = widgets.get(i);
            widget.setWidth(placement.w());
            widget.setHeight(placement.h());
            widget.placeAt(placement.x(), placement.y());
        }
    }

    private static Placement firstFree(int w, int h, List<Placement> taken) {
        for (int y = 0; ; y++) {
            for (int x = 0; x + w <= Widget.MAX_WIDTH; x++) {
                int column = x;
                int row = y;
                if (taken.stream().noneMatch(other -> other.overlaps(column, row, w, h))) {
                    return new Placement(x, y, w, h);
                }
            }
        }
    }

    private static int width(int w) {
        return Math.max(1, Math.min(Widget.MAX_WIDTH, w));
    }

    private static int height(int h) {
        return Math.max(1, Math.min(Widget.MAX_HEIGHT, h));
    }
}
