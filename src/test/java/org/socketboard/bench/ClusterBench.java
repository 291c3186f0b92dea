package org.socketboard.bench;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import org.socketboard.Application;
import org.socketboard.demofeed.DemoFeedRuntime;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.service.ServiceCatalog;
import org.socketboard.variable.VariableCatalog;
import org.socketboard.variable.VariableFixtures;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.LiveVariable;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Several instances through Redis (127.0.0.1:6379), in one JVM: a context that only serves the built-in
 * ticker feed, and three instances under the {@code redis} profile on one in-memory H2. Prints, in one run:
 * <ol>
 * <li>upstream connections at the feed for one application variable viewed on all three (must be 1);</li>
 * <li>the latency the Redis hop adds at 100 msg/s: for each tick, the time it entered the second
 * instance's dataset minus the time it entered the holder's (both {@code System.nanoTime} in this JVM,
 * matched by the tick's text), p50 and p99 over 10 s;</li>
 * <li>records/s into the holder's dataset (the in-memory path) and into the second instance's (through
 * Redis), the feed at each of {@link #FAST_RATES} msg/s, over 5 s after a 2 s warm-up, and the stream
 * entries the holder wrote meanwhile (fewer than the messages when it batched them).</li>
 * </ol>
 * Run with {@code ./mvnw -B -Pbench test-compile} (together with the other benchmarks).
 */
public final class ClusterBench {

    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36);
    private static final String PREFIX = "sbbench-" + RUN + ":";
    /** The fast feeds' rates, messages/s: PushRateBench's, and the feeds' cap. */
    private static final int[] FAST_RATES = {1000, 10_000};

    public static void main(String[] args) throws Exception {
        List<ConfigurableApplicationContext> contexts = new ArrayList<>();
        try {
            ConfigurableApplicationContext feed = start(contexts, new SpringApplicationBuilder(Application.class));
            int feedPort = feed.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            List<ConfigurableApplicationContext> instances = List.of(instance(contexts, "one"), instance(contexts, "two"), instance(contexts, "three"));
            DemoFeedRuntime sessions = feed.getBean(DemoFeedRuntime.class);

            // Saved on the last started: a security context set here reaches the last started context only.
            ConfigurableApplicationContext editor = instances.get(2);
            Variable slow = variable(editor, feedPort, "/feeds/ticker?rate=100&symbols=ACME", 1000);
            List<LiveVariable> views = new ArrayList<>();
            for (ConfigurableApplicationContext instance : instances) {
                views.add(view(instance, slow));
                LiveVariable first = views.get(0);
                waitUntil(() -> first.hasConnection() && first.dataset().version() > 0);
            }
            LiveVariable holder = views.get(0);
            LiveVariable second = views.get(1);
            waitUntil(() -> second.dataset().version() > 0);
            Map<String, Long> atHolder = arrivals(holder.dataset());
            Map<String, Long> atSecond = arrivals(second.dataset());
            TimeUnit.SECONDS.sleep(10);
            int connections = sessions.activeSessions();
            List<Long> added = new ArrayList<>();
            atSecond.forEach((ts, nanos) -> {
                Long first = atHolder.get(ts);
                if (first != null) {
                    added.add(nanos - first);
                }
            });
            Collections.sort(added);

            List<String> throughputs = new ArrayList<>();
            for (int rate : FAST_RATES) {
                throughputs.add(throughput(editor, instances, feedPort, rate));
            }

            System.out.println();
            System.out.println("== ClusterBench: three instances through Redis, one feed ==");
            System.out.printf(Locale.ROOT, "upstream connections, 1 variable x 3 instances: %d (must be 1); holder %s%n",
                    connections, holder.connectionHolder().orElse("?"));
            System.out.printf(Locale.ROOT, "added latency holder -> second instance at 100 msg/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d ticks)%n",
                    percentile(added, 0.50), percentile(added, 0.99), percentile(added, 1.0), added.size());
            throughputs.forEach(System.out::println);
            System.out.printf(Locale.ROOT, "machine load average during the run: %.1f on %d cores%n",
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        } finally {
            Collections.reverse(contexts);
            contexts.forEach(ConfigurableApplicationContext::close);
            RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
            try (var connection = client.connect()) {
                var redis = connection.sync();
                ScanIterator.scan(redis, ScanArgs.Builder.matches(PREFIX + "*")).forEachRemaining(redis::del);
            } finally {
                client.shutdown();
            }
        }
    }

    /** Records/s into the holder's and the second instance's dataset, and the holder's XADDs, the feed at {@code rate}. */
    private static String throughput(ConfigurableApplicationContext editor, List<ConfigurableApplicationContext> instances,
                                     int feedPort, int rate) throws InterruptedException {
        Variable fast = variable(editor, feedPort, "/feeds/ticker?rate=" + rate + "&symbols=ACME", 1000);
        LiveVariable fastHolder = view(instances.get(0), fast);
        waitUntil(() -> fastHolder.hasConnection() && fastHolder.dataset().version() > 0);
        LiveVariable fastSecond = view(instances.get(1), fast);
        TimeUnit.SECONDS.sleep(2);
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try (var connection = client.connect()) {
            String stream = PREFIX + "records:" + fast.getId();
            long entries0 = entriesAdded(connection.sync().xinfoStream(stream));
            long holder0 = fastHolder.dataset().version();
            long second0 = fastSecond.dataset().version();
            long started = System.nanoTime();
            TimeUnit.SECONDS.sleep(5);
            long holder1 = fastHolder.dataset().version();
            long second1 = fastSecond.dataset().version();
            double seconds = (System.nanoTime() - started) / 1e9;
            long entries = entriesAdded(connection.sync().xinfoStream(stream)) - entries0;
            double inMemory = (holder1 - holder0) / seconds;
            double throughRedis = (second1 - second0) / seconds;
            return String.format(Locale.ROOT, "records/s, feed at %,d msg/s: holder (in memory) %,.0f vs second instance "
                            + "(through Redis) %,.0f = %.2fx; stream entries added %,.0f/s (%.1f messages per XADD)",
                    rate, inMemory, throughRedis, throughRedis / inMemory, entries / seconds, (holder1 - holder0) / (double) entries);
        } finally {
            client.shutdown();
        }
    }

    /** The stream's {@code entries-added} from {@code XINFO STREAM} (a flat list of names and values). */
    private static long entriesAdded(List<Object> info) {
        for (int i = 0; i + 1 < info.size(); i += 2) {
            if ("entries-added".equals(info.get(i))) {
                return ((Number) info.get(i + 1)).longValue();
            }
        }
        throw new IllegalStateException("XINFO STREAM without entries-added (Redis 7 or later needed): " + info);
    }

    /** When each tick (by its whole text: two may share a {@code ts}) entered the dataset, on the dataset's writer thread. */
    private static Map<String, Long> arrivals(BoundedDataset dataset) {
        Map<String, Long> at = new ConcurrentHashMap<>();
        long[] seen = {dataset.version()};
        dataset.onChange(() -> {
            long now = System.nanoTime();
            DatasetChange change = dataset.changesSince(seen[0]);
            seen[0] = change.toVersion();
            change.added().forEach(record -> at.putIfAbsent(record.toString(), now));
        });
        return at;
    }

    private static double percentile(List<Long> sortedNanos, double p) {
        if (sortedNanos.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.size() - 1, Math.ceil(p * sortedNanos.size()) - 1);
        return sortedNanos.get(Math.max(0, index)) / 1e6;
    }

    private static Variable variable(ConfigurableApplicationContext instance, int feedPort, String path, int limit) {
        return SystemAuthentication.call(() -> instance.getBean(VariableCatalog.class).save(VariableFixtures.variableOn(
                new VariableFixtures(instance.getBean(ServiceCatalog.class), feedPort).feed(path), limit)));
    }

    private static LiveVariable view(ConfigurableApplicationContext instance, Variable variable) {
        Variable stored = SystemAuthentication.call(() -> instance.getBean(VariableCatalog.class).find(variable.getId()).orElseThrow());
        return instance.getBean(VariableRegistry.class).acquire(stored, "bench").live();
    }

    private static ConfigurableApplicationContext instance(List<ConfigurableApplicationContext> contexts, String name) {
        return start(contexts, new SpringApplicationBuilder(Application.class).profiles("redis"),
                "--spring.datasource.url=jdbc:h2:mem:cluster-bench-" + RUN + ";DB_CLOSE_DELAY=-1",
                "--socketboard.cluster.key-prefix=" + PREFIX,
                "--socketboard.cluster.instance-id=" + name);
    }

    private static ConfigurableApplicationContext start(List<ConfigurableApplicationContext> contexts, SpringApplicationBuilder builder,
                                                        String... args) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=warn", "--vaadin.productionMode=true"));
        all.addAll(List.of(args));
        ConfigurableApplicationContext context = builder.bannerMode(Banner.Mode.OFF).run(all.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting for the instances");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }
}
