/**
 * Coalesced server push for every live view: one flusher per UI turns any number of dataset changes
 * and watched readings into at most one {@code UI.access} per interval for all of that UI's views.
 */
package org.socketboard.push;
