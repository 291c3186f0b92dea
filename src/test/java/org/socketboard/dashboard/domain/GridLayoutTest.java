package org.socketboard.dashboard.domain;

import org.junit.jupiter.api.Test;
import org.socketboard.dashboard.domain.GridLayout.Cell;
import org.socketboard.dashboard.domain.GridLayout.Placement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class GridLayoutTest {

    @Test
    void aWidgetWiderThanTheGridIsClampedAndNeverSticksOutOnTheRight() {
        List<Placement> placed = GridLayout.arrange(List.of(new Cell(3, 0, 4, 1), new Cell(3, 1, 7, 9)));

        assertThat(placed).containsExactly(new Placement(0, 0, 4, 1), new Placement(0, 1, 4, Widget.MAX_HEIGHT));
        assertThat(placed).allMatch(place -> place.x() + place.w() <= Widget.MAX_WIDTH);
    }

    @Test
    void aWidgetRisesIntoFreeSpaceAboveItButNotThroughAnotherWidget() {
        List<Placement> placed = GridLayout.arrange(List.of(
                new Cell(0, 5, 1, 1),    // nothing above: to the top
                new Cell(1, 0, 1, 3),    // tall, in column 1
                new Cell(0, 9, 2, 1)));  // spans columns 0 and 1: stops below the tall one

        assertThat(placed).containsExactly(new Placement(0, 0, 1, 1), new Placement(1, 0, 1, 3),
                new Placement(0, 3, 2, 1));
    }

    @Test
    void widgetsWithoutAPlaceTakeTheFirstFreePlacesInReadingOrderAndFillHoles() {
        List<Placement> placed = GridLayout.arrange(List.of(
                new Cell(null, null, 2, 2),
                new Cell(null, null, 1, 1),
                new Cell(null, null, 2, 1),
                new Cell(null, null, 1, 1)));

        assertThat(placed).containsExactly(new Placement(0, 0, 2, 2), new Placement(2, 0, 1, 1),
                new Placement(2, 1, 2, 1), new Placement(3, 0, 1, 1));
    }

    @Test
    void anArrangedLayoutArrangesToItself() {
        List<Cell> cells = List.of(new Cell(2, 4, 2, 2), new Cell(0, 0, 3, 1), new Cell(null, null, 1, 3),
                new Cell(1, 1, 1, 1));
        List<Placement> once = GridLayout.arrange(cells);

        List<Placement> twice = GridLayout.arrange(once.stream().map(place -> new Cell(place.x(), place.y(),
                place.w(), place.h())).toList());

        assertThat(twice).isEqualTo(once);
        for (int i = 0; i < once.size(); i++) {
            for (int j = i + 1; j < once.size(); j++) {
                Placement other = once.get(j);
                assertThat(once.get(i).overlaps(other.x(), other.y(), other.w(), other.h())).as("%s and %s", i, j).isFalse();
            }
        }
    }
}
