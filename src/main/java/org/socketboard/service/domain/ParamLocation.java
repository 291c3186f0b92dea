package org.socketboard.service.domain;

/** Where a service parameter goes when a connection is opened. */
public enum ParamLocation {
    /** {@code ?name=value} in the URL. */
    QUERY,
    /** {@code {name}} in the URL path. */
    PATH,
    /** An HTTP header of the opening handshake. */
    HEADER
}
