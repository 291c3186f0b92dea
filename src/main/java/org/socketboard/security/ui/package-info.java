/**
 * The web side of security: the HTTP security filter chains, the login view, the users and audit
 * views, and reusable components (default-password banner, change-password dialog, user menu).
 */
package org.socketboard.security.ui;
