package org.socketboard.dashboard.domain;

import jakarta.persistence.Converter;
import org.socketboard.base.JsonValueConverter;

/** Stores a {@link WidgetConfig} as one JSON text column; a blank column reads as empty settings. */
@Converter
public class WidgetConfigConverter extends JsonValueConverter<WidgetConfig> {

    public WidgetConfigConverter() {
        super(WidgetConfig.class, () -> new WidgetConfig(null, null, null, null), "the widget settings");
    }
}
