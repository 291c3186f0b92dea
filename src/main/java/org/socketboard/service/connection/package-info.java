/**
 * Testing a service connection: open the WebSocket for real, optionally send the sample request,
 * capture the first message, close, and report the outcome as a sentence for the admin.
 */
package org.socketboard.service.connection;
