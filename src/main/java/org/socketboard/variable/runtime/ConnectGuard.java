package org.socketboard.variable.runtime;

import java.net.URI;

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
    }
}
