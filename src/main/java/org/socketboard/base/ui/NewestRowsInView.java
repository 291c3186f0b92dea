package org.socketboard.base.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.virtuallist.VirtualList;

/**
 * Keeps a Vaadin {@link Grid} or {@link VirtualList} whose newest rows are last (Add as last record)
 * scrolled to them as rows come, like a log tail; once the viewer scrolls up from the end it stays where
 * it is, and scrolling back to the end follows again. The browser keeps whether the viewer is at the
 * end (a scroll listener on the element, {@code <sb-row-table>} does the same for tables); the server
 * only says after each change how many rows there are. A list whose newest rows are first needs
 * nothing: it opens at the top and stays there.
 */
public final class NewestRowsInView {

    /** vaadin-grid scrolls its shadow {@code #table}; vaadin-virtual-list scrolls itself. */
    private static final String WATCH = """
            const host = this;
            const scroller = host.$ && host.$.table ? host.$.table : host;
            if (!host.__sbFollow) {
              host.__sbFollow = { on: true };
              scroller.addEventListener('scroll', () => {
                host.__sbFollow.on = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
              }, { passive: true });
            }""";
    private static final String FOLLOW = "if (!this.__sbFollow || this.__sbFollow.on) { this.scrollToIndex($0); }";

    private NewestRowsInView() {
    }

    /** Watches where the viewer is in the rows of {@code rows} (a Grid or VirtualList), on every attach. */
    public static void watch(Component rows) {
        rows.addAttachListener(attach -> rows.getElement().executeJs(WATCH));
    }

    /**
     * After a change: shows the last of {@code count} rows unless the viewer scrolled up from the end.
     * Runs after the new rows' size has gone to the browser (before the response), so the last is there.
     */
    public static void showLast(Component rows, int count) {
        if (count > 0) {
            rows.getUI().ifPresent(ui -> ui.beforeClientResponse(rows,
                    context -> rows.getElement().executeJs(FOLLOW, count - 1)));
        }
    }
}
