/**
 * Shared building blocks of every feature: the persistent base entity and cross-cutting helpers.
 * Depends on no feature package.
 */
package org.socketboard.base;
