package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Feed texts that become chart texts (categories, pie labels, series names, titles) lose their bidi controls. */
class BidiControlsInChartsTest {

    /** U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C, written out here rather than taken from the code under test. */
    private static final Pattern BIDI = Pattern.compile("[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]");
    private static final String OVERRIDDEN = "\u202Etxt.exe\u202C \u2067iso\u2069 \u061Cmark\u200F";
    private static final String SHOWN = "txt.exe iso mark";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aCategoryFromTheFeedIsShownWithoutBidiControls() throws Exception {
        var mapper = new PointMapper(new ChartSeriesSpec(XAxisKind.CATEGORY, "/label", List.of(new ChartSeriesSpec.Series("v", "/v"))));

        ChartPoint point = mapper.map(json.createObjectNode().put("label", OVERRIDDEN).put("v", 1), 0);

        assertThat(point.x().asText()).isEqualTo(SHOWN);
    }

    @Test
    void seriesNamedAfterSplitValuesOrFieldNamesHaveNoBidiControls() {
        var split = new PointMapper(new ChartSeriesSpec(XAxisKind.INDEX, null,
                List.of(new ChartSeriesSpec.Series("v", "/v")), "/who", 5));
        split.accepts(json.createObjectNode().put("who", OVERRIDDEN).put("v", 1));
        var named = new PointMapper(new ChartSeriesSpec(XAxisKind.INDEX, null,
                List.of(new ChartSeriesSpec.Series(OVERRIDDEN, "/v"))));

        assertThat(split.seriesNames()).containsExactly(SHOWN);
        assertThat(named.seriesNames()).containsExactly(SHOWN);
    }

    @Test
    void seriesNamesTitlesAndAxisTitlesInTheOptionsHaveNoBidiControls() {
        var spec = new ChartSeriesSpec(XAxisKind.CATEGORY, "/label", List.of(new ChartSeriesSpec.Series(OVERRIDDEN, "/v")));
        for (ChartType type : ChartType.values()) {
            String options = ChartOptions.of(type, spec).title(OVERRIDDEN).xAxisTitle(OVERRIDDEN).yAxisTitle(OVERRIDDEN)
                    .unit("\u202Ekg").toJson().toString();

            assertThat(options).as(type.name()).doesNotContainPattern(BIDI).contains(SHOWN);
        }
    }
}
