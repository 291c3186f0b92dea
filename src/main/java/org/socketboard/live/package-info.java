/**
 * What changes live, in words every view can use: a dataset's versions and deltas, and the
 * subscription that stops listening. No UI, no feature: runtime implements it, push consumes it.
 */
package org.socketboard.live;
