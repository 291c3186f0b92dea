/**
 * Dashboards as code: a dashboard's definition and the bundle it exports to (with the variables and
 * services it uses), and the importer that checks a whole bundle before applying it in one transaction.
 */
package org.socketboard.dashboard.transfer;
