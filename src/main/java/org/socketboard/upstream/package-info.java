/**
 * Everything that opens an upstream WebSocket, below the service and variable features: the one client
 * (Tomcat's JSR-356, TLS trust, redirects checked hop by hop), one connection, and connection control
 * (policy, budget, settings).
 */
package org.socketboard.upstream;
