/**
 * Variables: a service bound to a live, bounded dataset. Definitions and their views live here; the
 * runtime (connections, decoding, datasets, lifecycle) lives in {@code runtime}.
 */
package org.socketboard.variable;
