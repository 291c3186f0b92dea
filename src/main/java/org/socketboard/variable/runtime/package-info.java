/**
 * Live state in memory: upstream connections, message decoding, record extraction, bounded datasets
 * and the lifecycle of live variables. Never imports UI code.
 */
package org.socketboard.variable.runtime;
