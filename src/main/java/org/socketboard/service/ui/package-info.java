/**
 * The services list, the import/settings page and its form (URL, test, parameters, samples, fields).
 * Views talk to the catalog and the test runner only; the form raises events and never calls them.
 */
package org.socketboard.service.ui;
