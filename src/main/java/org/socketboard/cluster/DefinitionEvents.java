package org.socketboard.cluster;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.socketboard.security.SystemAuthentication;
import org.socketboard.variable.VariableDeleted;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.VariableSaved;
import org.springframework.transaction.event.TransactionalEventListener;

import java.util.concurrent.Executor;

/**
 * Definitions saved on one instance reach the others: after the commit, the variable's id goes out on
 * the {@code definitions} channel (Redis pub/sub, {@code "<instance> <id>"}); every other instance reads
 * the definition from the shared database and follows it ({@link VariableRegistry#followDefinition}:
 * a holder re-opens its connection with it, mirrors and per-tab instances are replaced).
 */
final class DefinitionEvents implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DefinitionEvents.class);

    private final String channel;
    private final InstanceName instance;
    private final RedisCommands<String, String> redis;
    private final StatefulRedisPubSubConnection<String, String> subscription;

    DefinitionEvents(ClusterSettings settings, InstanceName instance, RedisCommands<String, String> redis,
                     StatefulRedisPubSubConnection<String, String> subscription, VariableRegistry registry, Executor follow) {
        this.channel = settings.definitionsChannel();
        this.instance = instance;
        this.redis = redis;
        this.subscription = subscription;
        subscription.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String from, String message) {
                int space = message.lastIndexOf(' ');
                if (!channel.equals(from) || space < 0 || message.substring(0, space).equals(instance.name())) {
                    return; // our own save: followed already
                }
                long variableId;
                try {
                    variableId = Long.parseLong(message.substring(space + 1));
                } catch (NumberFormatException notOurs) {
                    return;
                }
                // Off Redis's I/O thread: following reads the database and may open connections.
                follow.execute(() -> SystemAuthentication.run(() -> registry.followDefinition(variableId)));
            }
        });
        subscription.sync().subscribe(channel);
    }

    @TransactionalEventListener
    void saved(VariableSaved saved) {
        publish(saved.variable().getId());
    }

    @TransactionalEventListener
    void deleted(VariableDeleted deleted) {
        publish(deleted.variableId());
    }

    private void publish(long variableId) {
        try {
            redis.publish(channel, instance.name() + " " + variableId);
        } catch (RuntimeException redisDown) {
            log.warn("Variable {} changed here; the other instances were not told (Redis cannot be reached): {}",
                    variableId, redisDown.getMessage());
        }
    }

    @Override
    public void close() {
        subscription.close();
    }
}
