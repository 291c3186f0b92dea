package org.socketboard.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a crashed holder leaves behind (real Redis on 127.0.0.1:6379, a key of its own): a lease nobody
 * renews and nobody releases, as after {@code kill -9}. It must become free by itself, and the dead
 * holder's token must not be able to touch the next holder's lease should the holder come back.
 */
@Tag("redis")
class LeasesTest {

    private static final Duration TTL = Duration.ofMillis(500);

    private final String key = "sbtest-" + Long.toString(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE), 36) + ":lease:1";
    private final RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
    private final StatefulRedisConnection<String, String> connection = client.connect();
    private final Leases leases = new Leases(connection.sync());

    @AfterEach
    void forget() {
        connection.sync().del(key);
        connection.close();
        client.shutdown();
    }

    @Test
    void aLeaseNeitherRenewedNorReleasedIsFreeAfterItsTimeToLiveAndItsOldHolderCannotTouchTheNextOne() {
        long taken = System.nanoTime(); // no later than Redis set the key's expiry
        assertThat(leases.tryAcquire(key, "A#1", TTL)).isTrue();
        assertThat(leases.tryAcquire(key, "B#1", TTL)).as("taken while A's lease lives").isFalse();
        assertThat(leases.holder(key)).contains("A");

        // A dies here: no renewal, no release.
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(() -> leases.holder(key).isEmpty());
        assertThat(Duration.ofNanos(System.nanoTime() - taken)).as("free after").isGreaterThanOrEqualTo(TTL.minusMillis(20));

        assertThat(leases.tryAcquire(key, "B#1", TTL)).isTrue();
        assertThat(leases.renew(key, "A#1", TTL)).as("the dead holder's renewal").isFalse();
        leases.release(key, "A#1");
        assertThat(leases.holder(key)).contains("B");
        assertThat(leases.renew(key, "B#1", TTL)).isTrue();
    }
}
