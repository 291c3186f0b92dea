/**
 * The dashboard widgets (chart, grid, list, value card): each bound to one live variable, updated
 * through the UI's push flusher with the dataset's changes, never with copies of everything.
 */
package org.socketboard.dashboard.widget;
