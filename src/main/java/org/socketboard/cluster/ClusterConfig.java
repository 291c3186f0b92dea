package org.socketboard.cluster;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.socketboard.variable.VariableRegistry;
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code redis} profile: Spring Boot's Lettuce connection factory ({@code spring.data.redis.url},
 * from {@code SOCKETBOARD_REDIS_URL}) for {@code /actuator/health}, and, to the same address, the
 * connections of the group: one for commands, one for the blocking stream reads, one for pub/sub.
 */
@Configuration(proxyBeanMethods = false)
@Profile("redis")
@EnableConfigurationProperties(ClusterSettings.class)
class ClusterConfig {

    private static final int DEFAULT_TIMEOUT_SECONDS = 2;

    @Bean
    InstanceName clusterInstanceName(ClusterSettings settings, Environment environment) {
        return new InstanceName(settings, environment);
    }

    @Bean
    ClusterConnections clusterConnections(RedisProperties redis) {
        return new ClusterConnections(RedisClient.create(uriOf(redis)));
    }

    /**
     * The address Boot's factory uses too ({@code spring.data.redis.url}, else host, port, ...), with
     * {@code spring.data.redis.timeout} (default {@value #DEFAULT_TIMEOUT_SECONDS} s, not Lettuce's 60 s):
     * a shared instance starts and connects under the registry's locks, which an unreachable Redis
     * must not hold for long.
     */
    private static RedisURI uriOf(RedisProperties redis) {
        RedisURI uri = addressOf(redis);
        uri.setTimeout(redis.getTimeout() != null ? redis.getTimeout() : Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
        return uri;
    }

    private static RedisURI addressOf(RedisProperties redis) {
        if (redis.getUrl() != null && !redis.getUrl().isBlank()) {
            return RedisURI.create(redis.getUrl());
        }
        RedisURI.Builder uri = RedisURI.builder().withHost(redis.getHost()).withPort(redis.getPort())
                .withDatabase(redis.getDatabase()).withSsl(redis.getSsl().isEnabled());
        if (redis.getPassword() != null) {
            uri = redis.getUsername() == null ? uri.withPassword(redis.getPassword().toCharArray())
                    : uri.withAuthentication(redis.getUsername(), redis.getPassword());
        }
        return uri.build();
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService clusterTimers() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cluster-leases");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    StreamMirrors streamMirrors(ClusterSettings settings, ClusterConnections connections) {
        return new StreamMirrors(settings, connections.client().connect(), new Leases(connections.commands().sync()));
    }

    @Bean
    RedisSharedInstances redisSharedInstances(ClusterSettings settings, InstanceName instance, ClusterConnections connections,
                                              StreamMirrors mirrors, ScheduledExecutorService clusterTimers) {
        return new RedisSharedInstances(settings, instance, connections.commands(), mirrors, clusterTimers);
    }

    @Bean
    DefinitionEvents definitionEvents(ClusterSettings settings, InstanceName instance, ClusterConnections connections,
                                      VariableRegistry registry, ScheduledExecutorService clusterTimers) {
        return new DefinitionEvents(settings, instance, connections.commands().sync(), connections.client().connectPubSub(),
                registry, clusterTimers);
    }

    /**
     * A client of the group's own, closed only after the group (Boot's factory stops with the context's
     * lifecycle, before the registry has closed its instances and released their leases), and its
     * connection for commands, shared by every caller (Lettuce connections are thread-safe).
     */
    record ClusterConnections(RedisClient client, StatefulRedisConnection<String, String> commands) implements AutoCloseable {
        ClusterConnections(RedisClient client) {
            this(client, client.connect());
        }

        @Override
        public void close() {
            commands.close();
            client.shutdown();
        }
    }
}
