/**
 * Reading sample messages (JSON, or XML into the same tree) and inferring their fields and records:
 * the metadata that variables and widgets bind to. Pure logic, no I/O.
 */
package org.socketboard.service.inference;
