package org.socketboard.demofeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import org.springframework.stereotype.Component;

import java.util.List;

/** {@code /feeds/xml}: one city's weather reading per message, as an XML document. */
@Component
class XmlWeatherFeed extends DemoFeedHandler {

    private static final RangedParameter INTERVAL = RangedParameter.interval(1_000, "ms between readings");
    private static final ObjectWriter XML = new XmlMapper().writer().withRootName("reading");

    static final DemoFeed FEED = new DemoFeed("xml", "/feeds/xml",
            "Weather readings as XML text messages, one city after the other.",
            List.of(INTERVAL.documented()),
            null,
            """
            <reading><city>Oslo</city><tempC>3.5</tempC><humidity>81</humidity>\
            <ts>2026-11-25T12:00:00.123Z</ts></reading>""");

    record Reading(String city, double tempC, int humidity, String ts) {
    }

    XmlWeatherFeed(FeedTools tools) {
        super(tools, FEED.pathTemplate());
    }

    @Override
    protected void onOpen(FeedSession session, FeedRequest request) {
        var weather = new Weather(random);
        session.startStream(Pacing.steady(1_000.0 / INTERVAL.readFrom(request)), () -> {
            Weather.CityWeather city = weather.nextCity();
            return toXml(new Reading(city.city(), city.tempC(), city.humidity(), timestamp()));
        });
    }

    private static String toXml(Reading reading) {
        try {
            return XML.writeValueAsString(reading);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A reading could not be written as XML: " + reading, e);
        }
    }
}
