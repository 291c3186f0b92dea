package org.socketboard.demofeed;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.random.RandomGenerator;

/**
 * What every feed handler needs besides its own logic, injected once: the shared runtime, the JSON
 * writer, the app's clock (timestamps), the feeds' random source (seedable, see {@link DemoFeedConfig})
 * and the server's limits ({@link FeedSettings}).
 */
@Component
record FeedTools(DemoFeedRuntime runtime, ObjectMapper json, Clock clock,
                 @Qualifier(DemoFeedConfig.RANDOM) RandomGenerator random, FeedSettings settings) {
}
