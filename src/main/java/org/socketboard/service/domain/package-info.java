/**
 * The persistent definition of a WebSocket service and its value types (parameters, field metadata).
 * Depends on nothing above it.
 */
package org.socketboard.service.domain;
