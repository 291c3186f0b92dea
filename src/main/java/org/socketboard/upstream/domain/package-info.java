/**
 * The upstream feature's plain values that definitions store (a service's {@link org.socketboard.upstream.domain.Protocol}),
 * below every feature's domain so that they may name them.
 */
package org.socketboard.upstream.domain;
