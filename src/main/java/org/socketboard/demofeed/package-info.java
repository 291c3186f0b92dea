/** The built-in WebSocket feeds the app serves itself under /feeds/… (ticker, vitals, scores, weather,
 * subscribe protocol, XML): the embedded default's data, every test's upstream, the benchmarks' source. */
package org.socketboard.demofeed;
