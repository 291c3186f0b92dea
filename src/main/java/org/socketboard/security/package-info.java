/**
 * Security feature: who may do what (accounts, roles, audit), secret encryption and redaction, the
 * scrape token. What the server may connect to upstream lives in {@code org.socketboard.upstream}.
 */
package org.socketboard.security;
