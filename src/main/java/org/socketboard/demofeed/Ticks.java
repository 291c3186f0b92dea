package org.socketboard.demofeed;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * Stock ticks of one connection: each call moves the next symbol's price one random-walk step. The
 * shared model of the ticker and the subscribe feed.
 */
final class Ticks {

    static final String DEFAULT_MARKET = "NYSE";
    static final List<String> DEFAULT_SYMBOLS = List.of("ACME", "GLOBEX", "INITECH", "UMBRELLA");
    static final Pattern MARKET = Pattern.compile("[A-Za-z0-9._-]{1,20}");
    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9.]{1,10}");
    private static final int MAX_SYMBOLS = 20;
    /** Typical size of one step, relative to the price. */
    private static final double VOLATILITY = 0.002;

    record Tick(String type, String market, String symbol, double price, double change, long volume, String ts) {
    }

    private final String market;
    private final List<String> symbols;
    private final double[] prices;
    private final RandomGenerator random;
    private final Supplier<String> timestamps;
    private int next;

    Ticks(String market, List<String> symbols, RandomGenerator random, Supplier<String> timestamps) {
        this.market = market;
        this.symbols = symbols;
        this.random = random;
        this.timestamps = timestamps;
        this.prices = symbols.stream().mapToDouble(symbol -> cents(random.nextDouble(20, 500))).toArray();
    }

    Tick next() {
        int index = next;
        next = (next + 1) % symbols.size();
        double before = prices[index];
        double after = Math.max(0.01, cents(before * (1 + VOLATILITY * random.nextGaussian())));
        prices[index] = after;
        // + 0.0 turns a -0.0 change into 0.0
        double change = cents(after - before) + 0.0;
        return new Tick("tick", market, symbols.get(index), after, change, 100L * random.nextInt(1, 51),
                timestamps.get());
    }

    /** Symbols as a client wrote them: trimmed, upper-cased, without blanks or repeats; 1 to 20 of them. */
    static List<String> symbols(Collection<String> requested) {
        Set<String> symbols = new LinkedHashSet<>();
        for (String raw : requested) {
            String symbol = raw.trim().toUpperCase(Locale.ROOT);
            if (symbol.isEmpty()) {
                continue;
            }
            if (!SYMBOL.matcher(symbol).matches()) {
                throw new InvalidFeedRequestException("symbol '" + FeedRequest.echo(raw)
                        + "' is not valid: use 1 to 10 letters, digits or dots");
            }
            symbols.add(symbol);
        }
        if (symbols.isEmpty() || symbols.size() > MAX_SYMBOLS) {
            throw new InvalidFeedRequestException("symbols must list 1 to " + MAX_SYMBOLS + " symbols");
        }
        return List.copyOf(symbols);
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
