package org.socketboard.testsupport;

import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.data.renderer.LitRenderer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The markup check itself: it must find each way markup can get into a page, and pass plain text. */
class TextOnlyTest {

    @BeforeEach
    void mockVaadin() {
        MockVaadin.setup();
    }

    @AfterEach
    void tearDown() {
        MockVaadin.tearDown();
    }

    private static Div page(com.vaadin.flow.component.Component... content) {
        var page = new Div(new Div(content));
        UI.getCurrent().add(page);
        return page;
    }

    @Test
    void hostileTextSetAsTextPasses() {
        var page = page(new Span(HostileStrings.IMG_ONERROR), new Anchor("/dashboards", HostileStrings.SCRIPT));

        assertThat(TextOnly.assertNoMarkupUnder(UI.getCurrent())).isGreaterThanOrEqualTo(5);
        assertThat(TextOnly.textUnder(page)).contains(HostileStrings.IMG_ONERROR, HostileStrings.SCRIPT);
    }

    @Test
    void anHtmlComponentFails() {
        page(new Html("<b>bold</b>"));

        // Html sets its root's innerHTML: found as that, or as the component itself.
        assertThatThrownBy(() -> TextOnly.assertNoMarkupUnder(UI.getCurrent())).hasMessageContaining("<b>");
    }

    @Test
    void anInnerHtmlPropertyFails() {
        var span = new Span();
        span.getElement().setProperty("innerHTML", HostileStrings.IMG_ONERROR);
        page(span);

        assertThatThrownBy(() -> TextOnly.assertNoMarkupUnder(UI.getCurrent())).hasMessageContaining("innerHTML");
    }

    @Test
    void anInlineHandlerOrAJavascriptUrlFails() {
        var handler = new Span("x");
        handler.getElement().setAttribute("onclick", "window.__pwned=1");
        page(handler);
        assertThatThrownBy(() -> TextOnly.assertNoMarkupUnder(UI.getCurrent())).hasMessageContaining("event handler");

        UI.getCurrent().removeAll();
        page(new Anchor("javascript:window.__pwned=1", "open"));
        assertThatThrownBy(() -> TextOnly.assertNoMarkupUnder(UI.getCurrent())).hasMessageContaining("attribute href");
    }

    @Test
    void aLitRendererPuttingDataIntoAnAttributeFailsAndOneWritingItAsTextPasses() {
        var asText = new Grid<String>();
        asText.addColumn(LitRenderer.<String>of("<b>${item.text}</b>").withProperty("text", s -> s));
        page(asText);
        TextOnly.assertNoMarkupUnder(UI.getCurrent());

        var asLink = new Grid<String>();
        asLink.addColumn(LitRenderer.<String>of("<a href=${item.url}>open</a>").withProperty("url", s -> s));
        page(asLink);
        assertThatThrownBy(() -> TextOnly.assertNoMarkupUnder(UI.getCurrent())).hasMessageContaining("Lit template");
    }
}
