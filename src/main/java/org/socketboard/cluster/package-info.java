/** Several server instances, one upstream connection per application variable: leases, record streams and definition events in Redis (the {@code redis} profile). */
package org.socketboard.cluster;
