/**
 * The persistent definition of a variable and its value types (scope, insert strategy).
 * Depends on nothing above it but the service domain.
 */
package org.socketboard.variable.domain;
