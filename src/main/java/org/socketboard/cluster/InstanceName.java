package org.socketboard.cluster;

import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * This server instance's name in leases and in the inspector: {@code socketboard.cluster.instance-id},
 * else the host name and the port the server listens on ({@code host-a:8080}).
 */
final class InstanceName {

    private final ClusterSettings settings;
    private final Environment environment;

    InstanceName(ClusterSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** Read when first needed: the port is known only once the server listens. */
    String name() {
        if (!settings.instanceId().isEmpty()) {
            return settings.instanceId();
        }
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        return host() + ":" + port;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
