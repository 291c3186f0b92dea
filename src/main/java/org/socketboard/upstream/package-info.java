/**
 * The one WebSocket client of all upstream connections (Test connection and live variables): Tomcat's
 * JSR-356 client with the server's TLS trust, redirects checked hop by hop, handshake failures in words.
 */
package org.socketboard.upstream;
