/**
 * Reading message text (JSON documents, XML into the same tree, plain text as a record), for samples and
 * live messages alike, with errors in plain words; and inferring fields and records from samples: the
 * metadata that variables and widgets bind to. Pure logic, no I/O.
 */
package org.socketboard.service.inference;
