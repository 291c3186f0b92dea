package org.socketboard.demofeed;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The weather of a few cities for one connection: temperature, humidity and wind drift in small random
 * steps, and the conditions follow from them. Shared by the JSON and the XML weather feeds.
 */
final class Weather {

    record CityWeather(String city, double tempC, int humidity, double windKph, String conditions) {
    }

    private final RandomGenerator random;
    private final City[] cities = {new City("Oslo", 3.5, 81), new City("Lisbon", 17.0, 65),
            new City("Nairobi", 22.0, 55), new City("Tokyo", 12.0, 70), new City("Denver", 8.0, 40),
            new City("Sydney", 21.0, 60)};
    private int next;

    Weather(RandomGenerator random) {
        this.random = random;
    }

    /** Every city, each moved one step. */
    List<CityWeather> snapshot() {
        return Arrays.stream(cities).map(City::step).toList();
    }

    /** The next city in turn, moved one step. */
    CityWeather nextCity() {
        City city = cities[next];
        next = (next + 1) % cities.length;
        return city.step();
    }

    private final class City {

        private final String name;
        private double tempC;
        private int humidity;
        private double windKph = 12.0;

        City(String name, double tempC, int humidity) {
            this.name = name;
            this.tempC = tempC;
            this.humidity = humidity;
        }

        CityWeather step() {
            tempC = tenths(tempC + random.nextGaussian() * 0.3);
            humidity = Math.min(100, Math.max(10, humidity + random.nextInt(-2, 3)));
            windKph = tenths(Math.min(90, Math.max(0, windKph + random.nextGaussian())));
            return new CityWeather(name, tempC, humidity, windKph, conditions());
        }

        private String conditions() {
            if (humidity > 85) {
                return tempC <= 0 ? "snow" : "rain";
            }
            if (humidity > 70) {
                return "cloudy";
            }
            return humidity > 50 ? "partly cloudy" : "sunny";
        }

        private static double tenths(double value) {
            // + 0.0 turns -0.0 into 0.0
            return Math.round(value * 10) / 10.0 + 0.0;
        }
    }
}
