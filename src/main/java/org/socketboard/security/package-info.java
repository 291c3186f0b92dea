/**
 * Security feature: who may do what (accounts, roles, audit) and what the server may connect to on a
 * user's behalf (connection policy, TLS trust, connection budget), plus secret encryption and redaction.
 */
package org.socketboard.security;
