package org.socketboard.variable;

import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.ConnectGuard;
import org.socketboard.variable.runtime.LiveVariable;

/**
 * How the shared instance of an application variable takes part in a group of server instances. The
 * embedded default is {@link #ALONE}: one process, its own connection, its dataset in memory. The
 * {@code redis} profile's {@code cluster.RedisSharedInstances} lets one instance hold the connection
 * and the others mirror its records. Dashboard-scoped instances (one per tab) never come here.
 */
public interface SharedInstances {

    /** One server: the local guard as it is, nothing shared. */
    SharedInstances ALONE = new SharedInstances() {
        @Override
        public ConnectGuard guard(Variable variable, ConnectGuard local) {
            return local;
        }

        @Override
        public void started(Variable variable, LiveVariable live) {
        }
    };

    /**
     * The guard of a new shared instance of {@code variable}, around the {@code local} one (connection
     * policy and budget): it may admit a {@link ConnectGuard.Mirror} when another instance holds the
     * connection.
     */
    ConnectGuard guard(Variable variable, ConnectGuard local);

    /**
     * A new shared instance, before it opens: may give its dataset the records the group already holds
     * (a replacement that starts with records keeps those rather than its predecessor's) and listen to it.
     */
    void started(Variable variable, LiveVariable live);
}
