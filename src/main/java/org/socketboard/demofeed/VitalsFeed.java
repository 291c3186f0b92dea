package org.socketboard.demofeed;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** {@code /feeds/vitals}: a bedside monitor's readings for one patient, at irregular short intervals. */
@Component
class VitalsFeed extends DemoFeedHandler {

    private static final String DEFAULT_PATIENT = "P-1001";
    private static final Pattern PATIENT = Pattern.compile("[A-Za-z0-9-]{1,32}");
    private static final RangedParameter INTERVAL = RangedParameter.interval(1_000,
            "longest gap between readings in ms; each gap is random between a quarter of it and all of it "
                    + "(the default gives 1 to 4 readings a second)");

    static final DemoFeed FEED = new DemoFeed("vitals", "/feeds/vitals",
            "Heart-rate monitor: heart rate and oxygen saturation of one patient, drifting around healthy values.",
            List.of(DemoFeedParameter.query("patient", DEFAULT_PATIENT,
                            "patient id echoed as \"patientId\", 1 to 32 letters, digits or '-'"),
                    INTERVAL.documented()),
            null,
            """
            {"patientId":"P-1001","heartRate":72,"spo2":98,"ts":"2026-11-25T12:00:00.123Z"}""");

    record Reading(String patientId, int heartRate, int spo2, String ts) {
    }

    VitalsFeed(FeedTools tools) {
        super(tools, FEED.pathTemplate());
    }

    @Override
    protected void onOpen(FeedSession session, FeedRequest request) {
        String patient = request.text("patient", DEFAULT_PATIENT, PATIENT);
        Duration longestGap = Duration.ofMillis(INTERVAL.readFrom(request));
        var monitor = new Monitor(patient);
        session.startStream(Pacing.irregular(longestGap.dividedBy(4), longestGap, random), monitor::next);
    }

    /** One patient's values: small random steps, pulled back towards a resting heart rate. */
    private final class Monitor {

        private static final int RESTING_HEART_RATE = 72;

        private final String patient;
        private int heartRate = RESTING_HEART_RATE;
        private int spo2 = 98;

        Monitor(String patient) {
            this.patient = patient;
        }

        String next() {
            int pull = Integer.signum(RESTING_HEART_RATE - heartRate);
            heartRate = Math.min(160, Math.max(45, heartRate + pull + random.nextInt(-3, 4)));
            spo2 = Math.min(100, Math.max(90, spo2 + random.nextInt(-1, 2)));
            return toJson(new Reading(patient, heartRate, spo2, timestamp()));
        }
    }
}
