/**
 * The dashboard views: the list (also the app's start page), one live dashboard on a responsive CSS
 * grid, and the editor that adds, binds, orders, resizes and removes widgets.
 */
package org.socketboard.dashboard.ui;
