package org.socketboard.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.LiveVariableSpec;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One variable's Redis Stream: an entry per upstream message, {@code records} (the message's records as
 * a JSON array, as the holder's dataset took them) and {@code shape} (strategy, record path, upsert
 * key). Every instance applies an entry to its own dataset with its own strategy, so <i>Add as last</i>,
 * <i>Add as first</i>, <i>Refresh</i> and <i>Upsert by key</i> mean the same everywhere; entries of
 * another shape (written before the definition changed) are skipped, as a replacement on one server
 * starts empty then. Trimmed with {@code XADD MAXLEN ~}: the data limit (every entry holds at least one
 * record), 1 under <i>Refresh</i>; under <i>Upsert</i> the holder adds a {@code snapshot} entry (the
 * whole dataset) every data-limit entries and the stream keeps twice that, so a snapshot and every
 * upsert after it are always there to start from.
 */
final class RecordStream {

    static final String SHAPE = "shape";
    static final String KIND = "kind";
    static final String RECORDS = "records";
    static final String SNAPSHOT = "snapshot";
    private static final String MESSAGE = "message";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    final String key;
    private final String shape;
    private final InsertStrategy strategy;
    private final int limit;

    RecordStream(String key, LiveVariableSpec spec) {
        this.key = key;
        this.shape = spec.strategy() + " " + spec.recordPath() + " " + Objects.toString(spec.upsertKey(), "");
        this.strategy = spec.strategy();
        this.limit = spec.limit();
    }

    InsertStrategy strategy() {
        return strategy;
    }

    int limit() {
        return limit;
    }

    XAddArgs trimming() {
        long length = switch (strategy) {
            case REFRESH -> 1;
            case UPSERT -> 2L * limit + 2;
            case ADD_LAST, ADD_FIRST -> limit;
        };
        return new XAddArgs().maxlen(length).approximateTrimming(strategy != InsertStrategy.REFRESH);
    }

    Map<String, String> entry(List<JsonNode> records, boolean snapshot) {
        try {
            return Map.of(SHAPE, shape, KIND, snapshot ? SNAPSHOT : MESSAGE, RECORDS, JSON.writeValueAsString(records));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The entry's records, or null when it was written for another shape of the variable. */
    List<JsonNode> recordsOf(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        if (!shape.equals(body.get(SHAPE))) {
            return null;
        }
        try {
            List<JsonNode> records = new ArrayList<>();
            JSON.readTree(body.get(RECORDS)).forEach(records::add);
            return records;
        } catch (JsonProcessingException e) {
            return null; // not written by us: nothing to apply
        }
    }

    /**
     * The entries that rebuild the dataset, oldest first: all under the add strategies, the newest
     * under <i>Refresh</i>, from the newest snapshot on under <i>Upsert</i>; plus the id to read on from.
     */
    Seed seed(RedisCommands<String, String> redis) {
        List<StreamMessage<String, String>> entries = strategy == InsertStrategy.REFRESH
                ? redis.xrevrange(key, Range.create("-", "+"), Limit.from(1))
                : redis.xrange(key, Range.create("-", "+"));
        if (entries.isEmpty()) {
            return new Seed(List.of(), "0-0");
        }
        String last = entries.get(entries.size() - 1).getId();
        int from = 0;
        if (strategy == InsertStrategy.UPSERT) {
            for (int i = entries.size() - 1; i >= 0; i--) {
                if (SNAPSHOT.equals(entries.get(i).getBody().get(KIND)) && recordsOf(entries.get(i)) != null) {
                    from = i;
                    break;
                }
            }
        }
        return new Seed(entries.subList(from, entries.size()), last);
    }

    record Seed(List<StreamMessage<String, String>> entries, String lastId) {
    }
}
