/**
 * Benchmarks with a main method (not unit tests): print figures for the runtime's hot paths, chart
 * payloads and server push. Run with {@code ./mvnw -B -o -Pbench test-compile}.
 */
package org.socketboard.bench;
