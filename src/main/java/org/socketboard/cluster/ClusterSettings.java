package org.socketboard.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code socketboard.cluster.*}, read under the {@code redis} profile.
 *
 * @param instanceId  how this instance is named in leases and in the inspector; empty = host name and
 *                    server port ({@code host-a:8080})
 * @param keyPrefix   prefix of every Redis key and channel, so that several groups can share one Redis
 * @param leaseTtl    a holder's lease expires this long after its last renewal (renewed every third of
 *                    it): an instance that dies without letting go is replaced within about this time
 * @param leaseCheck  how often a mirroring instance looks whether the connection's lease is free
 * @param readBlock   how long one blocking stream read waits for new records
 */
@ConfigurationProperties("socketboard.cluster")
public record ClusterSettings(String instanceId, String keyPrefix, Duration leaseTtl, Duration leaseCheck,
                              Duration readBlock) {

    public ClusterSettings {
        instanceId = instanceId == null ? "" : instanceId.strip();
        keyPrefix = keyPrefix == null ? "socketboard:" : keyPrefix;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(5) : leaseTtl;
        leaseCheck = leaseCheck == null ? Duration.ofMillis(500) : leaseCheck;
        readBlock = readBlock == null ? Duration.ofMillis(500) : readBlock;
        if (leaseTtl.toMillis() < 300) {
            throw new IllegalArgumentException("socketboard.cluster.lease-ttl must be at least 300 ms, was " + leaseTtl);
        }
    }

    String leaseKey(long variableId) {
        return keyPrefix + "lease:" + variableId;
    }

    String streamKey(long variableId) {
        return keyPrefix + "records:" + variableId;
    }

    String definitionsChannel() {
        return keyPrefix + "definitions";
    }
}
