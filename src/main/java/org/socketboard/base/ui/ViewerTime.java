package org.socketboard.base.ui;

import com.vaadin.flow.component.ComponentUtil;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.page.ExtendedClientDetails;
import com.vaadin.flow.server.VaadinRequest;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The time zone and locale of the person looking, from their browser rather than the server: the zone
 * from Vaadin's {@link ExtendedClientDetails#getTimeZoneId()} (asked once per UI; until it arrives, the
 * server's zone stands in), the locale from the request's Accept-Language. One per UI; views and widgets
 * that show times format with it and refresh when the zone arrives ({@link #onZoneKnown}).
 */
public final class ViewerTime {

    private volatile ZoneId zone;
    private volatile boolean zoneFromBrowser;
    private final Locale locale;
    private final List<Runnable> zoneListeners = new ArrayList<>();

    private ViewerTime(ZoneId zone, Locale locale) {
        this.zone = zone;
        this.locale = locale;
    }

    /**
     * The viewer's time of {@code ui}, created (and the browser asked) on first use.
     *
     * @param fallback the zone shown until the browser has said its own (the server's clock zone)
     */
    public static ViewerTime of(UI ui, ZoneId fallback) {
        ViewerTime existing = ComponentUtil.getData(ui, ViewerTime.class);
        if (existing != null) {
            return existing;
        }
        var time = new ViewerTime(fallback, requestLocale().orElse(ui.getLocale()));
        ComponentUtil.setData(ui, ViewerTime.class, time);
        ExtendedClientDetails known = ui.getInternals().getExtendedClientDetails();
        if (known != null) {
            time.zoneKnown(known);
        } else {
            ui.getPage().retrieveExtendedClientDetails(time::zoneKnown);
        }
        return time;
    }

    /** For widgets built without a UI (tests, benchmarks): that zone and locale, nothing asked. */
    public static ViewerTime fixed(ZoneId zone, Locale locale) {
        var time = new ViewerTime(zone, locale);
        time.zoneFromBrowser = true;
        return time;
    }

    public ZoneId zone() {
        return zone;
    }

    public Locale locale() {
        return locale;
    }

    /** Whether the zone is the browser's already (rather than the stand-in). */
    public boolean isZoneFromBrowser() {
        return zoneFromBrowser;
    }

    /** Runs {@code refresh} (under the UI lock) when the browser's zone arrives; not when it is known already. */
    public void onZoneKnown(Runnable refresh) {
        if (!zoneFromBrowser) {
            zoneListeners.add(refresh);
        }
    }

    private void zoneKnown(ExtendedClientDetails details) {
        zoneOf(details).ifPresent(browserZone -> zone = browserZone);
        zoneFromBrowser = true;
        zoneListeners.forEach(Runnable::run);
        zoneListeners.clear();
    }

    /** The IANA zone the browser names; a browser without one gives its current offset. */
    static Optional<ZoneId> zoneOf(ExtendedClientDetails details) {
        String id = details.getTimeZoneId();
        if (id != null && !id.isBlank()) {
            try {
                return Optional.of(ZoneId.of(id));
            } catch (DateTimeException unknown) {
                // an id this JDK does not know: the offset below
            }
        }
        try {
            return Optional.of(ZoneOffset.ofTotalSeconds(details.getTimezoneOffset() / 1000));
        } catch (DateTimeException outOfRange) {
            return Optional.empty();
        }
    }

    private static Optional<Locale> requestLocale() {
        VaadinRequest request = VaadinRequest.getCurrent();
        return request == null ? Optional.empty() : Optional.ofNullable(request.getLocale());
    }
}
