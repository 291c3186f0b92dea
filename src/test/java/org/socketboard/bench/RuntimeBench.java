package org.socketboard.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.runtime.BoundedDataset;
import org.socketboard.live.DatasetChange;
import org.socketboard.variable.runtime.DecodeResult;
import org.socketboard.variable.runtime.MessageDecoder;
import org.socketboard.variable.runtime.RecordExtractor;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;

/**
 * Figures for the runtime's hot path, measured side by side in one run (not a unit test: numbers
 * depend on the machine). Run with {@code ./mvnw -B -o -Pbench test-compile} (a forked JVM with a
 * fixed 1 GB heap, see the {@code bench} profile in pom.xml).
 *
 * <ol type="a">
 *   <li>ingestion: decode + extract + insert vs bare Jackson {@code readTree}, same messages (≥ 0.75x);
 *   beside it the same documents sent as newline-delimited frames of {@value #NDJSON_PER_FRAME}</li>
 *   <li>insert cost per record at limit 100,000 vs limit 100 (within 1.5x); also with readers polling</li>
 *   <li>heap of a full dataset of 10,000 small ticker records (< 10 MB)</li>
 * </ol>
 */
public final class RuntimeBench {

    private static final int MESSAGES = 200_000;
    private static final int NDJSON_PER_FRAME = 10;
    private static final String[] SYMBOLS = {"ACME", "GLOBEX", "INITECH", "UMBRELLA", "HOOLI", "STARK", "WAYNE",
            "WONKA", "TYRELL", "CYBERDYNE", "SOYLENT", "OSCORP", "MASSIVE", "VANDELAY", "PIEDPIPER", "AVIATO"};

    /** Keeps results alive so the JIT cannot drop the work. */
    private static volatile long sink;

    private RuntimeBench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> corpus = tickerCorpus(MESSAGES, new Random(20250101));
        System.out.printf(Locale.ROOT, "Corpus: %,d ticker messages, %.0f chars on average, e.g. %s%n",
                corpus.size(), corpus.stream().mapToInt(String::length).average().orElse(0), corpus.get(0));
        System.out.printf(Locale.ROOT, "JVM: %s %s, heap max %d MB, %d cpus%n%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        ingestion(corpus);
        insertCost(corpus);
        memory(corpus);
    }

    /** Realistic ticks: a random walk per symbol, volumes, millisecond timestamps. */
    static List<String> tickerCorpus(int count, Random random) {
        double[] prices = new double[SYMBOLS.length];
        Arrays.setAll(prices, i -> 20 + random.nextDouble() * 480);
        long ts = 1_735_725_600_000L;
        List<String> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int s = random.nextInt(SYMBOLS.length);
            double change = Math.round(prices[s] * random.nextGaussian() * 0.002 * 100) / 100.0;
            prices[s] = Math.max(1, Math.round((prices[s] + change) * 100) / 100.0);
            ts += 1 + random.nextInt(20);
            messages.add(String.format(Locale.ROOT, "{\"symbol\":\"%s\",\"price\":%.2f,\"change\":%.2f,\"volume\":%d,\"ts\":%d}",
                    SYMBOLS[s], prices[s], change, 100 * (1 + random.nextInt(500)), ts));
        }
        return messages;
    }

    // ---- (a) ---------------------------------------------------------------------------------------

    private static void ingestion(List<String> corpus) throws Exception {
        ObjectMapper bare = new ObjectMapper();
        MessageDecoder decoder = new MessageDecoder();
        RecordExtractor extractor = new RecordExtractor("");
        BoundedDataset dataset = new BoundedDataset(InsertStrategy.ADD_LAST, 1_000, null);
        List<String> ndjson = ndjsonFrames(corpus);
        double bestBare = 0;
        double bestPipeline = 0;
        double bestNdjson = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // Per measured round, pipeline and NDJSON vs bare in this thread's CPU time: on a loaded machine
        // the wall-clock best of each side may come from rounds with different shares of the CPU.
        double[] cpuRatios = new double[8];
        double[] cpuNdjsonRatios = new double[8];
        // Alternate the three, each round in a rotated order, so that all see the same machine load (and
        // none always runs right after another's garbage); the first rounds are warm-up.
        for (int round = 0; round < 12; round++) {
            long[] nanos = new long[3];
            long[] cpuNanos = new long[3];
            for (int k = 0; k < 3; k++) {
                int stage = (round + k) % 3;
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                if (stage == 0) {
                    long nodes = 0;
                    for (String message : corpus) {
                        nodes += bare.readTree(message).size();
                    }
                    sink += nodes;
                } else {
                    for (String text : stage == 1 ? corpus : ndjson) {
                        ingest(decoder.decodeText(text), extractor, dataset);
                    }
                }
                nanos[stage] = System.nanoTime() - start;
                cpuNanos[stage] = threads.getCurrentThreadCpuTime() - cpuStart;
            }
            sink += dataset.version();
            if (round >= 4) {
                bestBare = Math.max(bestBare, perSecond(corpus.size(), nanos[0]));
                bestPipeline = Math.max(bestPipeline, perSecond(corpus.size(), nanos[1]));
                bestNdjson = Math.max(bestNdjson, perSecond(corpus.size(), nanos[2]));
                cpuRatios[round - 4] = (double) cpuNanos[0] / cpuNanos[1];
                cpuNdjsonRatios[round - 4] = (double) cpuNanos[0] / cpuNanos[2];
            }
        }
        System.out.println("(a) Ingestion, best of 8 measured rounds after 4 warm-up rounds, 200k messages each");
        System.out.printf(Locale.ROOT, "    bare Jackson readTree:               %,12.0f messages/s%n", bestBare);
        System.out.printf(Locale.ROOT, "    decode + extract + insert (limit 1k): %,11.0f messages/s%n", bestPipeline);
        System.out.printf(Locale.ROOT, "    ratio %.2fx (target >= 0.75x)  %s%n", bestPipeline / bestBare, verdict(bestPipeline / bestBare >= 0.75));
        System.out.printf(Locale.ROOT, "    the same documents as NDJSON, %d per frame: %,11.0f documents/s = %.2fx bare readTree%n",
                NDJSON_PER_FRAME, bestNdjson, bestNdjson / bestBare);
        System.out.printf(Locale.ROOT, "    in this thread's CPU time (no GC threads), median of the 8 rounds: %.2fx, NDJSON %.2fx%n%n",
                median(cpuRatios), median(cpuNdjsonRatios));
    }

    private static void ingest(DecodeResult decoded, RecordExtractor extractor, BoundedDataset dataset) {
        for (JsonNode message : decoded.messages()) {
            dataset.accept(extractor.extract(message));
        }
    }

    /** The corpus joined into newline-delimited frames, each line ending in a newline as NDJSON writers do. */
    private static List<String> ndjsonFrames(List<String> corpus) {
        List<String> frames = new ArrayList<>(corpus.size() / NDJSON_PER_FRAME + 1);
        for (int i = 0; i < corpus.size(); i += NDJSON_PER_FRAME) {
            frames.add(String.join("\n", corpus.subList(i, Math.min(corpus.size(), i + NDJSON_PER_FRAME))) + "\n");
        }
        return frames;
    }

    // ---- (b) ---------------------------------------------------------------------------------------

    private static void insertCost(List<String> corpus) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        List<List<JsonNode>> messages = new ArrayList<>(corpus.size());
        for (String message : corpus) {
            messages.add(List.of(mapper.readTree(message)));
        }
        int[] limits = {100, 100_000};
        double[] best = {Double.MAX_VALUE, Double.MAX_VALUE};
        double[] bestWithReaders = {Double.MAX_VALUE, Double.MAX_VALUE};
        BoundedDataset[] datasets = new BoundedDataset[limits.length];
        for (int i = 0; i < limits.length; i++) {
            datasets[i] = new BoundedDataset(InsertStrategy.ADD_LAST, limits[i], null);
        }
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < limits.length; i++) {
                BoundedDataset dataset = datasets[i];
                double ns = nanosPerRecord(dataset, messages, 5);
                double nsWithReaders = withPollingReaders(dataset, 2, () -> nanosPerRecord(dataset, messages, 5));
                if (round >= 3) {
                    best[i] = Math.min(best[i], ns);
                    bestWithReaders[i] = Math.min(bestWithReaders[i], nsWithReaders);
                }
            }
        }
        System.out.println("(b) Insert cost per record (ADD_LAST, one record per message, steady state: dataset full),");
        System.out.println("    best of 7 measured rounds of 1M inserts after 3 warm-up rounds");
        for (int i = 0; i < limits.length; i++) {
            System.out.printf(Locale.ROOT, "    limit %,7d: %6.1f ns/record alone, %6.1f ns/record with 2 readers polling changesSince every 1 ms%n",
                    limits[i], best[i], bestWithReaders[i]);
        }
        double ratio = best[1] / best[0];
        System.out.printf(Locale.ROOT, "    ratio limit 100,000 / limit 100: %.2fx (target <= 1.5x)  %s%n%n", ratio, verdict(ratio <= 1.5));
    }

    private static double nanosPerRecord(BoundedDataset dataset, List<List<JsonNode>> messages, int passes) {
        long start = System.nanoTime();
        for (int pass = 0; pass < passes; pass++) {
            for (List<JsonNode> message : messages) {
                dataset.accept(message);
            }
        }
        return (double) (System.nanoTime() - start) / ((long) passes * messages.size());
    }

    /** Runs {@code work} while {@code readers} threads apply deltas as a UI flusher would, only far more often. */
    private static double withPollingReaders(BoundedDataset dataset, int readers, DoubleSupplier work) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong applied = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int r = 0; r < readers; r++) {
            Thread reader = new Thread(() -> {
                long version = -1;
                while (!stop.get()) {
                    DatasetChange change = dataset.changesSince(version);
                    version = change.toVersion();
                    applied.addAndGet(change.added().size());
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            reader.setDaemon(true);
            reader.start();
            threads.add(reader);
        }
        double result = work.getAsDouble();
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        sink += applied.get();
        return result;
    }

    // ---- (c) ---------------------------------------------------------------------------------------

    private static void memory(List<String> corpus) {
        int records = 10_000;
        List<String> messages = corpus.subList(0, records);
        MessageDecoder decoder = new MessageDecoder();
        RecordExtractor extractor = new RecordExtractor("");
        long[] samples = new long[5];
        for (int round = 0; round < samples.length; round++) {
            long before = usedHeapAfterGc();
            BoundedDataset dataset = new BoundedDataset(InsertStrategy.ADD_LAST, records, null);
            for (String message : messages) {
                ingest(decoder.decodeText(message), extractor, dataset);
            }
            long after = usedHeapAfterGc();
            samples[round] = after - before;
            sink += dataset.size();
        }
        Arrays.sort(samples);
        long median = samples[samples.length / 2];
        System.out.println("(c) Heap of a full dataset of 10,000 small ticker records (used heap after GC, with - without,");
        System.out.println("    median of 5 rounds; the message strings are held in both measurements)");
        System.out.printf(Locale.ROOT, "    rounds: %s bytes%n", Arrays.toString(samples));
        System.out.printf(Locale.ROOT, "    %.2f MB, %d bytes per record (target < 10 MB)  %s%n",
                median / 1_048_576.0, median / records, verdict(median < 10L * 1_048_576));
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // Several collections until the figure settles: one System.gc() may leave floating garbage.
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(40);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    private static double perSecond(int count, long nanos) {
        return count * 1e9 / nanos;
    }

    private static String verdict(boolean met) {
        return met ? "MET" : "MISSED";
    }
}
