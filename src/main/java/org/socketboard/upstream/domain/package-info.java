/**
 * The upstream feature's plain values: a service's {@link org.socketboard.upstream.domain.Protocol}, and
 * {@link org.socketboard.upstream.domain.UpstreamReason} (a server's words made fit to show); below every feature's domain.
 */
package org.socketboard.upstream.domain;
