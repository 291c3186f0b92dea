package org.socketboard.dashboard.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code <sb-apex-chart>} (frontend/components/apex-chart.ts) holds after the calls the server
 * sent it, replayed by the same rules: so tests can compare the browser's window with the dataset.
 */
public final class BrowserChartModel {

    private JsonNode options;
    private List<JsonNode> xs = new ArrayList<>();
    private List<List<JsonNode>> ys = new ArrayList<>();

    public void replay(List<JsCallRecorder.Call> calls) {
        calls.forEach(this::replay);
    }

    public void replay(JsCallRecorder.Call call) {
        switch (call.function()) {
            case "setOptions" -> setOptions((JsonNode) call.argument(0));
            case "appendPoints" -> append((ArrayNode) call.argument(0), (Integer) call.argument(1));
            case "prependPoints" -> prepend((ArrayNode) call.argument(0), (Integer) call.argument(1));
            case "replaceAll" -> replaceAll((ArrayNode) call.argument(0));
            default -> throw new AssertionError("the element has no function " + call.function());
        }
    }

    public List<JsonNode> xs() {
        return xs;
    }

    public List<JsonNode> ys(int series) {
        return ys.get(series);
    }

    private void setOptions(JsonNode newOptions) {
        if (options != null && seriesCount(options) != seriesCount(newOptions)) {
            xs = new ArrayList<>();
            ys = new ArrayList<>();
        }
        options = newOptions;
    }

    private static int seriesCount(JsonNode options) {
        String type = options.path("chart").path("type").asText();
        return List.of("pie", "donut", "radialBar").contains(type) ? 1 : options.path("series").size();
    }

    private void append(ArrayNode columns, int dropFromStart) {
        padSeries(columns.size() - 1);
        int drop = Math.min(dropFromStart, xs.size());
        xs.subList(0, drop).clear();
        xs.addAll(column(columns, 0));
        for (int s = 0; s < ys.size(); s++) {
            ys.get(s).subList(0, drop).clear();
            ys.get(s).addAll(column(columns, s + 1));
        }
    }

    private void prepend(ArrayNode columns, int dropFromEnd) {
        padSeries(columns.size() - 1);
        int keep = Math.max(0, xs.size() - dropFromEnd);
        xs.subList(keep, xs.size()).clear();
        xs.addAll(0, column(columns, 0));
        for (int s = 0; s < ys.size(); s++) {
            List<JsonNode> series = ys.get(s);
            series.subList(keep, series.size()).clear();
            series.addAll(0, column(columns, s + 1));
        }
    }

    private void replaceAll(ArrayNode columns) {
        xs = column(columns, 0);
        ys = new ArrayList<>();
        for (int s = 1; s < columns.size(); s++) {
            ys.add(column(columns, s));
        }
    }

    private void padSeries(int count) {
        while (ys.size() < count) {
            List<JsonNode> empty = new ArrayList<>();
            xs.forEach(x -> empty.add(null));
            ys.add(empty);
        }
    }

    private static List<JsonNode> column(ArrayNode columns, int index) {
        List<JsonNode> values = new ArrayList<>();
        columns.get(index).forEach(values::add);
        return values;
    }
}
