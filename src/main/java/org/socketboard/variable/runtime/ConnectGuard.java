package org.socketboard.variable.runtime;

import java.net.URI;
import java.util.Optional;

/**
 * Asked right before every connect and reconnect of a {@link LiveVariable}: it may refuse (the
 * connection policy: a host that now resolves to a forbidden address; the connection budget: too many
 * open) by throwing a runtime exception whose message is shown as is, or admit the attempt with a
 * permit that the variable closes once that connection has ended. Keeps the runtime free of Spring
 * and of the security feature's beans.
 */
@FunctionalInterface
public interface ConnectGuard {

    /** @throws RuntimeException with a reason for people when the connection may not be made */
    Permit admit(URI uri);

    /** One admitted connection; closed when it has ended (at most once). */
    @FunctionalInterface
    interface Permit extends AutoCloseable {
        @Override
        void close();

        /**
         * The server instance that holds this variable's upstream connection when several instances
         * share it (e.g. {@code "host-a:8080"}); empty when the instance is alone.
         */
        default Optional<String> holder() {
            return Optional.empty();
        }
    }

    /**
     * An admission to mirror a connection another server instance holds, instead of making one: the
     * variable is OPEN without a connection of its own while {@link #start}'s feeder applies that
     * instance's records to its dataset. When this instance may hold the connection itself, the mirror
     * calls {@code takeOver} once (after its last records) and the variable asks the guard again. The
     * variable closes the mirror when it closes or takes over.
     */
    interface Mirror extends Permit {

        /**
         * @param dataset  the variable's dataset: the mirror is its only writer until it calls takeOver
         * @param takeOver asks the guard again (to connect here); call it at most once
         */
        void start(BoundedDataset dataset, Runnable takeOver);
    }
}
