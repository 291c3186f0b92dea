/**
 * Coalesced server push: one flusher per UI turns any number of dataset changes into at most one
 * {@code UI.access} per interval for all of that UI's widgets.
 */
package org.socketboard.push;
