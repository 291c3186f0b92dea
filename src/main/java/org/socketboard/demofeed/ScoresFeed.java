package org.socketboard.demofeed;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** {@code /feeds/scores}: live football scores, one message each time a score changes. */
@Component
class ScoresFeed extends DemoFeedHandler {

    private static final RangedParameter INTERVAL = RangedParameter.interval(4_000,
            "longest gap between score changes in ms; each gap is random between a quarter of it and all of it "
                    + "(the default gives one every 1 to 4 s)");
    private static final List<String[]> FIXTURES = List.of(new String[]{"Lions", "Tigers"},
            new String[]{"Eagles", "Wolves"}, new String[]{"Sharks", "Bears"}, new String[]{"Falcons", "Rhinos"});
    private static final int FULL_TIME = 90;

    static final DemoFeed FEED = new DemoFeed("scores", "/feeds/scores",
            "Live scores of " + FIXTURES.size() + " matches (m-1 to m-" + FIXTURES.size() + "): a message only when "
                    + "a score changes (event goal, penalty or own-goal). After full time a match starts over at 0-0 "
                    + "under the same matchId, so upserting by matchId keeps one row per match.",
            List.of(INTERVAL.documented()),
            null,
            """
            {"matchId":"m-3","home":"Lions","away":"Tigers","homeScore":2,"awayScore":1,"minute":57,\
            "event":"goal","ts":"2026-11-25T12:00:00.123Z"}""");

    record ScoreChange(String matchId, String home, String away, int homeScore, int awayScore, int minute,
                       String event, String ts) {
    }

    ScoresFeed(FeedTools tools) {
        super(tools, FEED.pathTemplate());
    }

    @Override
    protected void onOpen(FeedSession session, FeedRequest request) {
        Duration longestGap = Duration.ofMillis(INTERVAL.readFrom(request));
        List<Match> matches = new ArrayList<>();
        for (String[] teams : FIXTURES) {
            matches.add(new Match("m-" + (matches.size() + 1), teams[0], teams[1]));
        }
        session.startStream(Pacing.irregular(longestGap.dividedBy(4), longestGap, random),
                () -> toJson(matches.get(random.nextInt(matches.size())).nextGoal()));
    }

    /** One match of one connection: the clock runs on between goals, and restarts after full time. */
    private final class Match {

        private final String id;
        private final String home;
        private final String away;
        private int homeScore;
        private int awayScore;
        private int minute;

        Match(String id, String home, String away) {
            this.id = id;
            this.home = home;
            this.away = away;
        }

        ScoreChange nextGoal() {
            minute += random.nextInt(1, 16);
            if (minute > FULL_TIME) {
                minute -= FULL_TIME;
                homeScore = 0;
                awayScore = 0;
            }
            if (random.nextBoolean()) {
                homeScore++;
            } else {
                awayScore++;
            }
            return new ScoreChange(id, home, away, homeScore, awayScore, minute, kindOfGoal(), timestamp());
        }

        private String kindOfGoal() {
            int roll = random.nextInt(20);
            return roll == 0 ? "own-goal" : roll < 4 ? "penalty" : "goal";
        }
    }
}
