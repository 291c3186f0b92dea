/**
 * Benchmarks with a main method (not unit tests): print figures for the runtime's hot paths.
 * Run with {@code ./mvnw -B -o -Pbench test-compile}.
 */
package org.socketboard.bench;
