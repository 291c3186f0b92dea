package org.socketboard.service;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stands in for the variable feature (not built yet) as the one {@link ServiceUsage} bean: tests say
 * which variables use which service. Import it with {@code @Import(RecordingServiceUsage.Config.class)}.
 */
public class RecordingServiceUsage implements ServiceUsage {

    private final Map<String, List<String>> variablesByService = new ConcurrentHashMap<>();

    public void use(String serviceName, String... variables) {
        variablesByService.put(serviceName, List.of(variables));
    }

    public void clear() {
        variablesByService.clear();
    }

    @Override
    public List<String> variablesUsing(String serviceName) {
        return variablesByService.getOrDefault(serviceName, List.of());
    }

    @TestConfiguration(proxyBeanMethods = false)
    public static class Config {
        @Bean
        RecordingServiceUsage recordingServiceUsage() {
            return new RecordingServiceUsage();
        }
    }
}
