/**
 * The foundation every stored definition stands on: identity, optimistic version, timestamps and the
 * case-insensitive name key shared by services, variables and dashboards.
 */
package org.socketboard.base.domain;
