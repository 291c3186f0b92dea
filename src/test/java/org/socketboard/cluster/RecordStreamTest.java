package org.socketboard.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.socketboard.upstream.UpstreamClient;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.LiveVariableSpec;
import org.socketboard.variable.runtime.ReconnectPolicy;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.util.ReflectionTestUtils;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a starting instance takes from a variable's stream (real Redis on 127.0.0.1:6379, keys of a
 * prefix of their own): the holder's dataset under each strategy, however far the stream was trimmed.
 * The holder's side is its {@link RedisSharedInstances.Replica} as the live variable drives it: each
 * message's records into the dataset, then to the replica.
 */
@Tag("redis")
class RecordStreamTest {

    private static final UpstreamClient CLIENT = UpstreamClient.withDefaults();

    private final String prefix = "sbtest-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + ":";
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private RedisClient client;
    private StatefulRedisConnection<String, String> commands;
    private StreamMirrors mirrors;
    private RedisSharedInstances group;

    @BeforeEach
    void connect() {
        client = RedisClient.create("redis://127.0.0.1:6379");
        commands = client.connect();
        ClusterSettings settings = new ClusterSettings("test", prefix, null, null, null);
        mirrors = new StreamMirrors(settings, client.connect(), new Leases(commands.sync()));
        group = new RedisSharedInstances(settings, new InstanceName(settings, new MockEnvironment()), commands, mirrors, timers);
    }

    @AfterEach
    void forget() {
        group.close();
        mirrors.close();
        ScanIterator.scan(commands.sync(), ScanArgs.Builder.matches(prefix + "*")).forEachRemaining(commands.sync()::del);
        commands.close();
        client.shutdown();
        timers.shutdownNow();
    }

    @Test
    void anUpsertDatasetComesBackWholeThoughTheStreamWasTrimmedFarBeyondItsFirstKeys() {
        Variable variable = variable(7);
        Holder holder = new Holder(7, InsertStrategy.UPSERT, 3);
        holder.receive(record("a", 1), record("b", 1));
        for (int i = 1; i <= 400; i++) {
            holder.receive(record("c", i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> commands.sync().xlen(streamOf(7)) < 400
                && lastRecordOf(streamOf(7)).contains("\"v\":400"));

        LiveVariable starting = startedElsewhere(variable, InsertStrategy.UPSERT, 3);

        assertThat(starting.dataset().snapshot()).containsExactly(record("a", 1), record("b", 1), record("c", 400));
    }

    @Test
    void aRefreshDatasetStartsWithTheNewestMessageOnly() {
        Variable variable = variable(8);
        Holder holder = new Holder(8, InsertStrategy.REFRESH, 5);
        holder.receive(record("a", 1), record("b", 1));
        holder.receive(record("c", 2));
        await().atMost(Duration.ofSeconds(10)).until(() -> lastRecordOf(streamOf(8)).contains("\"c\""));

        LiveVariable starting = startedElsewhere(variable, InsertStrategy.REFRESH, 5);

        assertThat(starting.dataset().snapshot()).containsExactly(record("c", 2));
        assertThat(commands.sync().xlen(streamOf(8))).isEqualTo(1);
    }

    @Test
    void recordsWrittenUnderAnotherStrategyAreNotTakenOver() {
        Variable variable = variable(9);
        Holder before = new Holder(9, InsertStrategy.ADD_LAST, 5);
        before.receive(record("a", 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> commands.sync().xlen(streamOf(9)) == 1);

        LiveVariable sameShape = startedElsewhere(variable, InsertStrategy.ADD_LAST, 5);
        LiveVariable otherShape = startedElsewhere(variable, InsertStrategy.ADD_FIRST, 5);

        assertThat(sameShape.dataset().snapshot()).containsExactly(record("a", 1));
        assertThat(otherShape.dataset().snapshot()).isEmpty();
    }

    @Test
    void messagesThatComeWhileAWriteIsOnItsWayShareOneEntryAndAStartingInstanceAppliesThemOneByOne() throws Exception {
        Variable variable = variable(10);
        Holder holder = new Holder(10, InsertStrategy.ADD_FIRST, 1000);
        for (int i = 1; i <= 500; i++) {
            holder.receive(record("a", i), record("b", i));
        }
        holder.writer.sent().get(10, TimeUnit.SECONDS);

        assertThat(lastRecordOf(streamOf(10))).as("the newest entry, once all is sent").contains("\"v\":500");
        assertThat(commands.sync().xlen(streamOf(10))).as("entries for 500 messages").isLessThan(250);
        LiveVariable starting = startedElsewhere(variable, InsertStrategy.ADD_FIRST, 1000);
        assertThat(starting.dataset().snapshot()).hasSize(1000).isEqualTo(holder.live.dataset().snapshot());
    }

    /** Another instance starting the variable with this shape: it takes over what the stream holds. */
    private LiveVariable startedElsewhere(Variable variable, InsertStrategy strategy, int limit) {
        LiveVariable starting = live(strategy, limit);
        group.started(variable, starting);
        return starting;
    }

    /** The instance that holds the variable: its live variable and its writer of the variable's stream. */
    private final class Holder {
        final LiveVariable live;
        /** As {@link RedisSharedInstances#started} registers it. */
        final RedisSharedInstances.Replica writer;

        Holder(long variableId, InsertStrategy strategy, int limit) {
            live = live(strategy, limit);
            writer = group.new Replica(new RecordStream(streamOf(variableId), live.spec()), live.dataset());
        }

        /** As the live variable does with one message: into the dataset, then to the listeners. */
        void receive(JsonNode... records) {
            live.dataset().accept(List.of(records));
            writer.recordsApplied(live, List.of(records));
        }
    }

    private String lastRecordOf(String stream) {
        var newest = commands.sync().xrevrange(stream, Range.create("-", "+"), Limit.from(1));
        return newest.isEmpty() ? "" : newest.get(0).getBody().get(RecordStream.RECORDS);
    }

    private String streamOf(long variableId) {
        return prefix + "records:" + variableId;
    }

    private static JsonNode record(String id, int value) {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("v", value);
    }

    private static Variable variable(long id) {
        Variable variable = new Variable();
        variable.setName("v" + id);
        ReflectionTestUtils.setField(variable, "id", id);
        return variable;
    }

    private LiveVariable live(InsertStrategy strategy, int limit) {
        var spec = new LiveVariableSpec("v", URI.create("ws://127.0.0.1:9/"), Map.of(), List.of(), "", strategy, limit,
                strategy == InsertStrategy.UPSERT ? "/id" : null, "", List.of(), ReconnectPolicy.disabled());
        return new LiveVariable(spec, CLIENT, uri -> () -> { }, Clock.systemUTC(), timers);
    }
}
