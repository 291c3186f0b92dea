/**
 * Accounts: user management, the database-backed login (password hashing, role hierarchy, login
 * throttling) and the first-start bootstrap of the admin account.
 */
package org.socketboard.security.account;
