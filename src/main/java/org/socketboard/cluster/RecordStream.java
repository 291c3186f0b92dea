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
 * key); or, for the messages that came while the holder's previous write was on its way, one entry of
 * kind {@code messages} whose {@code records} is an array of their record arrays, applied one by one. Every instance applies an entry to its own dataset with its own strategy, so <i>Add as last</i>,
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
    /** Several messages in one entry: {@code records} holds an array of the messages' record arrays. */
    private static final String MESSAGES = "messages";
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

    /** A snapshot of the whole dataset, one message, or several messages (each its records) in one entry. */
    Map<String, String> entry(List<List<JsonNode>> messages, boolean snapshot) {
        try {
            String kind = snapshot ? SNAPSHOT : messages.size() == 1 ? MESSAGE : MESSAGES;
            Object records = kind.equals(MESSAGES) ? messages : messages.get(0);
            return Map.of(SHAPE, shape, KIND, kind, RECORDS, JSON.writeValueAsString(records));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The entry's messages, each its records, to be applied one after another; null when it was written
     * for another shape of the variable.
     */
    List<List<JsonNode>> messagesOf(StreamMessage<String, String> entry) {
        Map<String, String> body = entry.getBody();
        if (!shape.equals(body.get(SHAPE)) || body.get(RECORDS) == null) {
            return null;
        }
        try {
            JsonNode records = JSON.readTree(body.get(RECORDS));
            if (!MESSAGES.equals(body.get(KIND))) {
                return List.of(elementsOf(records));
            }
            List<List<JsonNode>> messages = new ArrayList<>();
            records.forEach(message -> messages.add(elementsOf(message)));
            return messages;
        } catch (JsonProcessingException e) {
            return null; // not written by us: nothing to apply
        }
    }

    private static List<JsonNode> elementsOf(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
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
                if (SNAPSHOT.equals(entries.get(i).getBody().get(KIND)) && messagesOf(entries.get(i)) != null) {
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
