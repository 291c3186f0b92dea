/**
 * Security entities and their repositories: application users with their roles, and audit entries
 * recording who changed which service, variable, dashboard or user.
 */
package org.socketboard.security.domain;
