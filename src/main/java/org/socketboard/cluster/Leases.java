package org.socketboard.cluster;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.Optional;

/**
 * Who holds a variable's upstream connection: one Redis key per variable, set with {@code SET NX PX}
 * (the lease), its value {@code instance#token}. Renewal and release compare the value first in one
 * Lua script, so a holder whose lease expired and was taken can never extend or delete the new one.
 */
final class Leases {

    private static final String RENEW = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end
            return 0""";
    private static final String RELEASE = """
            if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
            return 0""";

    private final RedisCommands<String, String> redis;

    Leases(RedisCommands<String, String> redis) {
        this.redis = redis;
    }

    /** @return true when the lease was free and is now {@code value}'s for {@code ttl} */
    boolean tryAcquire(String key, String value, Duration ttl) {
        return "OK".equals(redis.set(key, value, SetArgs.Builder.nx().px(ttl.toMillis())));
    }

    /** @return false when the lease is no longer {@code value}'s (expired, or taken by another instance) */
    boolean renew(String key, String value, Duration ttl) {
        Long renewed = redis.eval(RENEW, ScriptOutputType.INTEGER, new String[] {key}, value, Long.toString(ttl.toMillis()));
        return renewed != null && renewed == 1;
    }

    /** Deletes the lease if it is still {@code value}'s. */
    void release(String key, String value) {
        redis.eval(RELEASE, ScriptOutputType.INTEGER, new String[] {key}, value);
    }

    /** The instance named in the lease, or empty when it is free. */
    Optional<String> holder(String key) {
        String value = redis.get(key);
        if (value == null) {
            return Optional.empty();
        }
        int token = value.lastIndexOf('#');
        return Optional.of(token < 0 ? value : value.substring(0, token));
    }
}
