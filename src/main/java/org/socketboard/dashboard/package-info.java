/**
 * Dashboards: definitions, layout and widgets bound to variables; views that viewers watch.
 */
package org.socketboard.dashboard;
