package org.socketboard.dashboard.chart;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SeriesColoursTest {

    @Test
    void aNameHasTheSameColourInEveryChartWhereNoOtherLineTookIt() {
        String acme = SeriesColours.of("ACME", Set.of());

        assertThat(SeriesColours.of("ACME", Set.of(SeriesColours.of("GLOBEX", Set.of())))).isEqualTo(acme);
        assertThat(SeriesColours.PALETTE).contains(acme);
    }

    @Test
    void twoNamesOfOneColourInOneChartGetTwoColours() {
        // "ACME" and "volume" hash to the same place in the palette.
        String acme = SeriesColours.of("ACME", Set.of());
        assertThat(SeriesColours.of("volume", Set.of())).isEqualTo(acme);

        assertThat(SeriesColours.of("volume", Set.of(acme))).isNotEqualTo(acme).isIn(SeriesColours.PALETTE);
    }

    @Test
    void tenLinesInOneChartHaveTenColours() {
        var taken = new java.util.ArrayList<String>();
        for (String name : List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J")) {
            taken.add(SeriesColours.of(name, taken));
        }
        assertThat(Set.copyOf(taken)).hasSize(10);
    }
}
