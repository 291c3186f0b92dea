package org.socketboard.testsupport;

import com.github.mvysny.kaributesting.v23.VirtualListsKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.virtuallist.VirtualList;
import com.vaadin.flow.data.renderer.LitRenderer;
import com.vaadin.flow.data.renderer.Renderer;
import com.vaadin.flow.dom.Element;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks on a server-side component tree that nothing in it reaches the browser as markup: no
 * {@link Html} component, no {@code innerHTML} property, no inline event handler attribute, no
 * {@code javascript:} URL, and no Lit template renderer in a grid or list that puts an item's data
 * anywhere but into text or a property (Lit writes {@code >${item.name}<} as a text node; an attribute
 * such as {@code href=${item.url}}, {@code unsafeHTML} or {@code .innerHTML} would not be text). Text set
 * through {@code setText}, component properties and Flow's text renderers is written into the page as
 * text by the browser, so this is what is left to check.
 */
public final class TextOnly {

    /** An attribute bound to data in a Lit template: {@code name=${...item...}} (not {@code .prop}, {@code @event}, {@code ?bool}). */
    private static final Pattern ATTRIBUTE_BINDING = Pattern.compile("\\s[A-Za-z][\\w:-]*=\\$\\{[^}]*item\\.");

    private TextOnly() {
    }

    /**
     * Fails naming the first element under {@code root} (itself included) that would carry markup;
     * returns how many elements it checked, so that a test can tell it looked at the page it meant.
     */
    public static int assertNoMarkupUnder(Component root) {
        Set<Element> elements = elements(root);
        elements.forEach(TextOnly::assertNoMarkupIn);
        return elements.size();
    }

    /** The text of every element under {@code root}, in tree order. */
    public static String textUnder(Component root) {
        return elements(root).stream().filter(Element::isTextNode).map(Element::getText).collect(Collectors.joining("\n"));
    }

    /**
     * The elements of the component and of every component below it. Both trees are walked: a UI
     * keeps its content in a wrapper element of its own, reached only through its child components.
     */
    private static Set<Element> elements(Component root) {
        Set<Element> found = new LinkedHashSet<>();
        collect(root, found);
        return found;
    }

    private static void collect(Component component, Set<Element> found) {
        elementTree(component.getElement()).forEach(found::add);
        component.getChildren().forEach(child -> collect(child, found));
    }

    private static Stream<Element> elementTree(Element root) {
        return Stream.concat(Stream.of(root), root.getChildren().flatMap(TextOnly::elementTree));
    }

    private static void assertTextOnly(Renderer<?> renderer, String where) {
        if (renderer instanceof LitRenderer<?> lit) {
            String template = templateOf(lit);
            assertThat(template).as("the Lit template of %s", where)
                    .doesNotContain("unsafeHTML", "unsafeSVG", "innerHTML", "outerHTML")
                    .doesNotContainPattern(ATTRIBUTE_BINDING);
        }
    }

    /** Flow keeps a Lit renderer's template to itself (protected); the check needs to read it. */
    private static String templateOf(LitRenderer<?> renderer) {
        try {
            Method getter = LitRenderer.class.getDeclaredMethod("getTemplateExpression");
            getter.setAccessible(true);
            return (String) getter.invoke(renderer);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the template of " + renderer, e);
        }
    }

    private static void assertNoMarkupIn(Element element) {
        if (element.isTextNode()) {
            return; // text by definition
        }
        String where = "<" + element.getTag() + (element.hasAttribute("id") ? " id=" + element.getAttribute("id") : "") + ">";
        assertThat(element.hasProperty("innerHTML")).as("innerHTML set on %s", where).isFalse();
        element.getComponent().ifPresent(component -> {
            assertThat(component).as("an Html component at %s", where).isNotInstanceOf(Html.class);
            if (component instanceof Grid<?> grid) {
                grid.getColumns().forEach(column -> assertTextOnly(column.getRenderer(), "column " + column.getKey() + " of " + where));
            }
            if (component instanceof VirtualList<?> list) {
                assertTextOnly(VirtualListsKt.get_renderer(list), where);
            }
        });
        element.getAttributeNames().forEach(name -> {
            assertThat(name.toLowerCase(Locale.ROOT)).as("an event handler attribute on %s", where).doesNotStartWith("on");
            String value = String.valueOf(element.getAttribute(name)).strip().toLowerCase(Locale.ROOT);
            assertThat(value).as("attribute %s of %s", name, where).doesNotStartWith("javascript:");
        });
    }
}
