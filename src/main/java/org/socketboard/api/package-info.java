/**
 * The REST API under {@code /api} for provisioning as code: services, variables and dashboards as JSON
 * definitions (list, get, create or replace, delete), a variable's live dataset, and bundle export/import.
 */
package org.socketboard.api;
