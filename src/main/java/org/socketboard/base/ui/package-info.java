/**
 * The application shell: the main layout with its @Menu-built side navigation, and small UI helpers
 * (empty states, notifications, error handling) that every feature's views share.
 */
package org.socketboard.base.ui;
