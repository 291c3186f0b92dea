/**
 * The variable views: the list ({@code /variables}), the editor with its form, and the live inspector
 * of a variable's connection, counters, logs and dataset.
 */
package org.socketboard.variable.ui;
