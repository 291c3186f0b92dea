package org.socketboard.push;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The flushers' meters, one set for all UIs (a tag per UI would grow without bound):
 * {@code socketboard.push.flush} (timer: time spent applying one flush under the session lock; its
 * count is the pushes handed to Vaadin) and {@code socketboard.push.dropped} (UIs dropped for lagging).
 * {@link UiFlushers} adds the gauge {@code socketboard.push.uis} (UIs with a live flusher).
 */
record PushMeters(Timer flushDuration, Counter dropped) {

    static PushMeters in(MeterRegistry registry) {
        return new PushMeters(
                Timer.builder("socketboard.push.flush")
                        .description("One flush of a UI's changed widgets, under its session lock")
                        .publishPercentiles(0.5, 0.99)
                        .register(registry),
                Counter.builder("socketboard.push.dropped")
                        .description("UIs dropped because their push fell behind longer than socketboard.push.drop-after")
                        .register(registry));
    }
}
