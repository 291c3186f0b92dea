/**
 * What is spoken inside an upstream WebSocket: plain messages, Socket.IO (Engine.IO v4) or STOMP 1.2.
 * A {@link org.socketboard.upstream.protocol.WireProtocol} turns frames into messages and replies; it does no I/O.
 */
package org.socketboard.upstream.protocol;
