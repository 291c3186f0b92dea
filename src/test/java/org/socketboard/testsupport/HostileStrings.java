package org.socketboard.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.util.List;

/**
 * Texts an attacker would put into a feed, a sample or a definition, for the tests that check every
 * one reaches the browser as text: HTML tags and inline event handlers, {@code javascript:} URLs, SVG
 * with onload, attribute and quote breakouts, template syntax (Lit, Angular/Vue, JavaScript template
 * literals), Unicode direction marks and other bidi controls, and text that merely looks escaped (it must not be unescaped).
 * <p>
 * Each payload that would run sets {@value #PWNED_GLOBAL} on the window and each injected element
 * carries the attribute {@value #PWNED_ATTRIBUTE}, so that a browser test can tell from the page alone
 * whether anything was parsed as markup or run.
 */
public final class HostileStrings {

    /** The global that a payload that ran sets. */
    public static final String PWNED_GLOBAL = "__pwned";
    /** The attribute of every element a payload would create. */
    public static final String PWNED_ATTRIBUTE = "data-sb-pwned";

    public static final String IMG_ONERROR = "<img data-sb-pwned src=x onerror=\"window.__pwned='img'\">";
    public static final String SCRIPT = "<script data-sb-pwned>window.__pwned='script'</script>";
    public static final String SVG_ONLOAD = "<svg data-sb-pwned onload=\"window.__pwned='svg'\"><circle r=\"1\"/></svg>";
    public static final String JAVASCRIPT_URL = "<a data-sb-pwned href=\"javascript:window.__pwned='href'\">open</a>";
    public static final String ATTRIBUTE_BREAKOUT = "\"><img data-sb-pwned src=x onerror=window.__pwned='attr'>";
    public static final String QUOTE_BREAKOUT = "';window.__pwned='quote';'<details data-sb-pwned open ontoggle=\"window.__pwned='toggle'\">";
    public static final String IFRAME = "<iframe data-sb-pwned srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>";
    public static final String LIT_TEMPLATE = "${window.__pwned='lit'}";
    public static final String MUSTACHE_TEMPLATE = "{{constructor.constructor('window.__pwned=\"mustache\"')()}}";
    public static final String DIRECTION_MARKS = "\u202Etxt.exe\u202C \u200Fright\u200E left \u2066iso\u2069";
    /** The other bidi controls: embeddings, the left-to-right override, isolates, the Arabic letter mark. */
    public static final String BIDI_CONTROLS = "\u202Aembed\u202C \u202Brtl\u202C \u202Dltr\u202C \u2067isolate\u2069"
            + " \u2068first\u2069 \u061Cmark";
    public static final String LOOKS_ESCAPED = "&lt;b&gt;kept as typed&lt;/b&gt; &amp; &#39;";
    public static final String STYLE = "<b data-sb-pwned style=\"position:fixed;inset:0\">bold</b>";

    /** All of them, in a fixed order. */
    public static final List<String> ALL = List.of(IMG_ONERROR, SCRIPT, SVG_ONLOAD, JAVASCRIPT_URL,
            ATTRIBUTE_BREAKOUT, QUOTE_BREAKOUT, IFRAME, LIT_TEMPLATE, MUSTACHE_TEMPLATE, DIRECTION_MARKS,
            LOOKS_ESCAPED, STYLE, BIDI_CONTROLS);

    /**
     * What a viewer sees of each of {@link #ALL}, in the same order: each as it is, but the bidi controls
     * removed (a feed value may not reorder what is shown).
     */
    public static final List<String> SHOWN = List.of(IMG_ONERROR, SCRIPT, SVG_ONLOAD, JAVASCRIPT_URL,
            ATTRIBUTE_BREAKOUT, QUOTE_BREAKOUT, IFRAME, LIT_TEMPLATE, MUSTACHE_TEMPLATE, "txt.exe right left iso",
            LOOKS_ESCAPED, STYLE, "embed rtl ltr isolate first mark");

    /** Any of the bidi controls, written out here rather than taken from the code under test. */
    public static final java.util.regex.Pattern BIDI = java.util.regex.Pattern.compile("[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]");

    /** A record field whose very name is hostile: series names and grid headers come from field names. */
    public static final String FIELD_NAME = "<img data-sb-pwned src=x onerror=window.__pwned='key'>";

    private HostileStrings() {
    }

    /**
     * What a hostile feed sends: one record per string of {@link #ALL}, which is its {@code label}
     * (a category) and, in reverse order, its {@code note}; {@code v} is its position from 1 and the
     * field named {@link #FIELD_NAME} ten times that.
     */
    public static ArrayNode records() {
        ArrayNode records = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < ALL.size(); i++) {
            records.addObject().put("label", ALL.get(i)).put("note", ALL.get(ALL.size() - 1 - i))
                    .put("v", i + 1).put(FIELD_NAME, 10 * (i + 1));
        }
        return records;
    }
}
