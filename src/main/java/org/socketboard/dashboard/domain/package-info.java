/**
 * The persistent definition of a dashboard: its name, slug and sharing, and its widgets (type, bound
 * variable by name, size, order and JSON settings). Depends on nothing above it.
 */
package org.socketboard.dashboard.domain;
