package org.socketboard.variable;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.VariableState;
import org.socketboard.variable.runtime.VariableStats;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToLongFunction;

/**
 * Micrometer meters of every variable that has run since the start, tagged {@code variable=<name>}
 * (one set per variable name, however many instances a dashboard variable has: the tag count is the
 * number of variables, not of tabs). Counters add up every instance of the name, including the ones
 * already closed, so they only grow:
 * <ul>
 *   <li>{@code socketboard.variable.messages} decoded messages (documents), {@code .frames} WebSocket
 *       messages, {@code .records} records delivered into the dataset, {@code .decode.errors},
 *       {@code .skipped} (nothing at the record path), {@code .filtered} (dropped by the message
 *       filter), {@code .reconnects} (attempts started)</li>
 *   <li>gauges: {@code socketboard.variable.state} (tag {@code state}: how many running instances are
 *       in it), {@code .dataset.size} (records held), {@code .subscribers} (dataset listeners: one per
 *       widget of an open tab)</li>
 * </ul>
 * The registry tells it when an instance starts ({@link #track}) and when it is let go
 * ({@link #retired}); a deleted variable's meters are removed ({@link #forget}).
 */
@Component
public class VariableMeters {

    private static final String PREFIX = "socketboard.variable.";

    private enum Count {
        MESSAGES("messages", "Decoded messages (documents)", VariableStats::messagesReceived),
        FRAMES("frames", "WebSocket messages as they arrived", VariableStats::framesReceived),
        RECORDS("records", "Records delivered into the dataset", null),
        DECODE_ERRORS("decode.errors", "Messages that could not be read", VariableStats::decodeErrors),
        SKIPPED("skipped", "Messages with nothing at the record path", VariableStats::skipped),
        FILTERED("filtered", "Messages the message filter dropped", VariableStats::filteredOut),
        RECONNECTS("reconnects", "Reconnection attempts started", VariableStats::reconnects);

        final String name;
        final String description;
        /** Null for the records, which the dataset counts. */
        final ToLongFunction<VariableStats> read;

        Count(String name, String description, ToLongFunction<VariableStats> read) {
            this.name = name;
            this.description = description;
            this.read = read;
        }

        long of(LiveVariable instance) {
            return read == null ? instance.dataset().recordsAccepted() : read.applyAsLong(instance.stats());
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Named> byName = new ConcurrentHashMap<>();

    public VariableMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The meters of one variable name: its running instances and the totals of those let go. */
    private final class Named {
        final Set<LiveVariable> running = ConcurrentHashMap.newKeySet();
        final AtomicLongArray retiredTotals = new AtomicLongArray(Count.values().length);
        final List<Meter> meters = new ArrayList<>();

        Named(String name) {
            Tags tags = Tags.of("variable", name);
            for (Count count : Count.values()) {
                meters.add(FunctionCounter.builder(PREFIX + count.name, this, named -> named.total(count))
                        .description(count.description).tags(tags).register(registry));
            }
            for (VariableState state : VariableState.values()) {
                meters.add(Gauge.builder(PREFIX + "state", this, named -> named.inState(state))
                        .description("Running instances in this state").tags(tags.and("state", state.name()))
                        .register(registry));
            }
            meters.add(Gauge.builder(PREFIX + "dataset.size", this,
                            named -> named.sum(instance -> instance.dataset().size()))
                    .description("Records held").baseUnit("records").tags(tags).register(registry));
            meters.add(Gauge.builder(PREFIX + "subscribers", this,
                            named -> named.sum(instance -> instance.dataset().listenerCount()))
                    .description("Dataset listeners: a widget of an open tab each").tags(tags).register(registry));
        }

        double total(Count count) {
            return retiredTotals.get(count.ordinal()) + sum(count::of);
        }

        double inState(VariableState state) {
            return running.stream().filter(instance -> instance.state() == state).count();
        }

        double sum(ToLongFunction<LiveVariable> reading) {
            return running.stream().mapToLong(reading).sum();
        }
    }

    /** A new instance of its variable runs (is opened or may be): counted under its name from now on. */
    void track(LiveVariable instance) {
        byName.computeIfAbsent(instance.name(), Named::new).running.add(instance);
    }

    /** The registry let go of {@code instance}: what it counted stays in the totals. Harmless twice. */
    void retired(LiveVariable instance) {
        Named named = byName.get(instance.name());
        if (named != null && named.running.remove(instance)) {
            for (Count count : Count.values()) {
                named.retiredTotals.addAndGet(count.ordinal(), count.of(instance));
            }
        }
    }

    /** The variable was deleted: its meters go (a variable made again under the name starts from zero). */
    void forget(String name) {
        Named named = byName.remove(name);
        if (named != null) {
            named.meters.forEach(registry::remove);
        }
    }
}
