/**
 * Test infrastructure shared by suites: the loopback WebSocket server, per-context PostgreSQL schemas
 * for the postgres run, the hostile-strings corpus. Nothing here is a test itself.
 */
package org.socketboard.testsupport;
