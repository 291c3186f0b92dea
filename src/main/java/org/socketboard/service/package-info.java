/**
 * Imported WebSocket services: their definitions (URL, parameters, samples, inferred fields), the
 * catalog that validates and stores them, connection testing and field inference, and their views.
 */
package org.socketboard.service;
