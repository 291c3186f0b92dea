package org.socketboard.base;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.DeserializationFeature;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The application's JSON reader (API bodies, dashboard bundles) takes a document only as it is meant:
 * nothing after it ({@code {...} garbage}), no fraction where a whole number belongs ({@code 1.5} is not
 * rounded to 1) and no {@code null} as a list element (the problem names the element, e.g.
 * {@code sendOnOpen[0]}). Maps keep their nulls: a withheld secret is {@code null} there.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictJsonReading() {
        return builder -> builder
                .featuresToEnable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .postConfigurer(mapper -> mapper.configOverride(List.class)
                        .setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
    }
}
