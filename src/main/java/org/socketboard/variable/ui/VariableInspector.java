package org.socketboard.variable.ui;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.base.ui.Notifications;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.theme.lumo.LumoUtility;
import org.socketboard.base.BidiControls;
import org.socketboard.base.Timestamps;
import org.socketboard.base.ui.NewestRowsInView;
import org.socketboard.live.Subscription;
import org.socketboard.push.UiFlusher;
import org.socketboard.push.UiFlushers;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.FieldType;
import org.socketboard.variable.VariableLease;
import org.socketboard.variable.VariableRegistry;
import org.socketboard.variable.domain.InsertStrategy;
import org.socketboard.variable.domain.Variable;
import org.socketboard.variable.runtime.LiveVariable;
import org.socketboard.variable.runtime.RawFrame;
import org.socketboard.variable.runtime.StateWords;
import org.socketboard.variable.runtime.VariableEvent;
import org.socketboard.variable.runtime.VariableState;
import org.socketboard.variable.runtime.VariableStats;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The live side of a saved variable: open, close and send; its state, counters, raw frame log, event
 * log and a preview of its dataset, pushed through the UI's {@link UiFlusher} like a dashboard's widgets
 * (at most one push per {@code socketboard.push.interval}): the preview follows the dataset's changes,
 * everything else (state, counters, frame and event logs) is a watched reading taken at the flusher's
 * tick and shown when it differs from the last. An
 * application variable shows its shared instance without opening it; <i>Open</i> holds it open like a
 * dashboard viewer while this page is shown, <i>Close</i> closes it for every viewer. A dashboard
 * variable gets a private inspector instance for this page, released when the page goes.
 */
public class VariableInspector extends VerticalLayout {

    private static final int PREVIEW_COLUMNS = 12;
    private static final String EVENT_COLUMN_WIDTH = Arrays.stream(VariableEvent.Type.values())
            .mapToInt(type -> eventWords(type).length()).max().orElse(10) + 3 + "ch";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final Variable variable;
    private final VariableRegistry registry;
    private final UiFlushers flushers;

    private final Span state = new Span();
    private final Span framesReceived = counter("variable-frames-received");
    private final Span messages = counter("variable-messages");
    private final Span bytes = counter("variable-bytes");
    private final Span decodeErrors = counter("variable-decode-errors");
    private final Span filteredOut = counter("variable-filtered-out");
    private final Span skipped = counter("variable-skipped");
    private final Span reconnects = counter("variable-reconnects");
    private final Span reconnectsLastMinute = counter("variable-reconnects-last-minute");
    /** Why the variable gave up, beside FAILED (text only: the reason may quote the server). */
    private final Span failure = new Span();
    /** Several server instances (redis profile): which one holds the upstream connection. */
    private final Span holder = new Span();
    private final Span rate = counter("variable-rate");
    private final Span unreadableTimes = counter("variable-unreadable-times");
    /** The TIMESTAMP fields of the records, whose unreadable values the inspector counts. */
    private final List<String> timestampPaths = new ArrayList<>();
    private final TextArea message = new TextArea("Message");
    private final Grid<RawFrame> frames = new Grid<>();
    /** At 20 msg/s the received frames push a sent one out of sight within seconds: this shows the sent alone. */
    private final Checkbox sentOnly = new Checkbox("Sent only");
    private final Grid<VariableEvent> events = new Grid<>();
    private final Grid<JsonNode> preview = new Grid<>();
    private final Span unavailable = new Span();
    private final Button open = new Button("Open");
    private final Button close = new Button("Close");
    /** "Sent at 12:00:01.250 (the server confirmed it)" or why not, on a line of its own under the Send row. */
    private final Span sendResult = new Span();

    /** Volatile: the flusher's tick reads it for the watched reading. */
    private volatile VariableLease lease;
    /** Opened by hand on this page (and not closed since): holds the variable open while the page is shown. */
    private boolean heldOpen;
    private UiFlusher flusher;
    private Subscription watching = () -> { };
    /** The preview's subscription to the dataset of {@link #previewOf}, followed to a replacing instance. */
    private Subscription previewing = () -> { };
    private LiveVariable previewOf;
    /** Closed by hand and not yet CLOSED: Open is offered already. */
    private boolean closingByHand;

    /**
     * @param holdOpen open the variable on attach, as the page's earlier inspector did by hand (the
     *                 page shows a saved change with a new inspector; the hold must not lapse)
     */
    public VariableInspector(Variable variable, VariableRegistry registry, UiFlushers flushers, boolean holdOpen) {
        this.variable = variable;
        this.heldOpen = holdOpen;
        this.registry = registry;
        this.flushers = flushers;
        setId("variable-inspector");
        setPadding(false);

        state.setId("variable-state");
        state.getElement().getThemeList().add("badge");
        open.addClickListener(click -> open());
        open.setId("variable-open");
        open.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        close.addClickListener(click -> close());
        close.setId("variable-close");
        var send = new Button("Send", click -> send());
        send.setId("variable-send");
        sendResult.setId("variable-send-result");
        sendResult.addClassNames(LumoUtility.FontSize.SMALL);
        message.setId("variable-message");
        message.setWidthFull();
        message.setValue(variable.getRequestBody() == null ? "" : variable.getRequestBody());
        unavailable.setId("variable-unavailable");
        unavailable.addClassNames(LumoUtility.TextColor.ERROR);
        unavailable.setVisible(false);

        failure.setId("variable-failure");
        failure.addClassNames(LumoUtility.TextColor.ERROR);
        failure.setVisible(false);
        holder.setId("variable-holder");
        holder.addClassNames(LumoUtility.FontSize.SMALL);
        holder.setVisible(false);
        // The state may be a long "failed: <the server's reason>": it wraps in a row of its own, so the
        // buttons stay on screen however long it is (a badge does not wrap by itself).
        state.getStyle().set("white-space", "normal").set("overflow-wrap", "anywhere");
        failure.getStyle().set("overflow-wrap", "anywhere");
        var buttons = new HorizontalLayout(open, close, holder);
        buttons.setId("variable-buttons");
        buttons.setAlignItems(FlexComponent.Alignment.BASELINE);
        var counters = new HorizontalLayout(labelled("Frames", framesReceived), labelled("Messages", messages), labelled("Bytes", bytes),
                labelled("Decode errors", decodeErrors), labelled("Filtered out", filteredOut),
                labelled("Skipped (no records)", skipped), labelled("Reconnects", reconnects),
                labelled("Reconnects in the last minute", reconnectsLastMinute), labelled("Messages/s", rate),
                labelled("Unreadable times", unreadableTimes));
        // Ten counters do not fit a phone's width in one line.
        counters.setWrap(true);
        framesReceived.setTitle("WebSocket messages as they arrived, also those that could not be decoded");
        messages.setTitle("Decoded messages: a frame of several JSON documents (newline-delimited or concatenated) counts each");
        skipped.setTitle("Messages with nothing at the record path (heartbeats, acknowledgements): the data stayed as it was");
        filteredOut.setTitle("Messages the variable's message filter dropped");
        var sending = new HorizontalLayout(message, send);
        sending.setWidthFull();
        sending.setAlignItems(FlexComponent.Alignment.END);
        // "Not sent: <the server's reason>" can be long: beside the button it squeezed the message box.
        sending.setId("variable-sending");

        configureFrames();
        configureEvents();
        configurePreview();
        sentOnly.setId("variable-frames-sent-only");
        sentOnly.addValueChangeListener(change -> showFrames());
        var framesHeader = new HorizontalLayout(new H3("Frames"), sentOnly);
        framesHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        add(new H3("Live"), unavailable, state, buttons, failure, counters, sending, sendResult,
                new H3("Data"), preview, framesHeader, frames, new H3("Events"), events);
    }

    /** Whether this page opened the variable by hand and has not closed it since. */
    public boolean isHeldOpen() {
        return heldOpen;
    }

    private void configureFrames() {
        frames.setId("variable-frames");
        frames.addThemeVariants(GridVariant.LUMO_COMPACT);
        frames.setHeight("16rem");
        frames.addColumn(frame -> TIME.format(frame.at())).setHeader("Time").setAutoWidth(true).setFlexGrow(0);
        // Auto width measures the first rows, often "in" alone, and then cut "out": wide enough for both.
        frames.addColumn(frame -> frame.direction() == RawFrame.Direction.IN ? "in" : "out").setHeader("").setKey("direction")
                .setWidth("4.5rem").setFlexGrow(0);
        frames.addColumn(RawFrame::size).setHeader("Size").setAutoWidth(true).setFlexGrow(0);
        frames.addColumn(frame -> visibleControls(frame.text())).setHeader("Frame").setKey("text");
    }

    private void configureEvents() {
        events.setId("variable-events");
        events.addThemeVariants(GridVariant.LUMO_COMPACT);
        events.setHeight("12rem");
        events.addColumn(event -> TIME.format(event.at())).setHeader("Time").setWidth("8rem").setFlexGrow(0);
        // Auto width is measured on the first rows (none while closed) and cut "message receive" off later:
        // the column is as wide as its longest word.
        events.addColumn(event -> eventWords(event.type())).setHeader("Event")
                .setKey("type").setWidth(EVENT_COLUMN_WIDTH).setFlexGrow(0);
        events.addColumn(event -> visibleControls(event.detail())).setHeader("Detail");
    }

    /** Columns from the service's response fields (leaves, by JSON Pointer, headed by display name); the raw record if it has none. */
    private void configurePreview() {
        preview.setId("variable-preview");
        preview.addThemeVariants(GridVariant.LUMO_COMPACT);
        preview.setHeight("18rem");
        // Added as last record, the newest are at the end: the preview follows them like a log tail.
        if (variable.getStrategy() == InsertStrategy.ADD_LAST) {
            NewestRowsInView.watch(preview);
        }
        List<FieldMeta> leaves = new ArrayList<>();
        collectLeaves(variable.getService().getResponseFields(), leaves);
        leaves.stream().filter(field -> field.type() == FieldType.TIMESTAMP).map(FieldMeta::path).forEach(timestampPaths::add);
        if (leaves.isEmpty()) {
            preview.addColumn(record -> visibleControls(record.toString())).setHeader("Record").setKey("record");
        }
        preview.setAriaLabel("Data of " + variable.getName());
        // Numbers flush right, so their digits line up as in a dashboard's table.
        leaves.stream().limit(PREVIEW_COLUMNS).forEach(field -> preview
                .addColumn(record -> text(record.at(field.path())))
                .setHeader(visibleControls(field.displayName() != null ? field.displayName() : field.path().substring(1)))
                .setKey(field.path()).setAutoWidth(true)
                .setTextAlign(field.type().isNumeric() ? ColumnTextAlign.END : ColumnTextAlign.START));
    }

    private static void collectLeaves(List<FieldMeta> fields, List<FieldMeta> leaves) {
        for (FieldMeta field : fields) {
            if (field.type() == FieldType.OBJECT) {
                collectLeaves(field.children(), leaves);
            } else if (field.type() != FieldType.ARRAY && field.path().startsWith("/")) {
                leaves.add(field);
            }
        }
    }

    /**
     * The text with its C0 control characters other than tab and line feed, and DEL, as their Control
     * Pictures (U+2400 block: NUL as "␀", ESC as "␛", DEL as "␡"): a browser draws them as nothing,
     * and a frame log is where a user looks for what the server really sent. Bidi controls are written
     * out too ({@link BidiControls#visible}: U+202E as "⟨U+202E⟩") instead of reordering the text.
     */
    static String visibleControls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder shown = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F;
            if (control && shown == null) {
                shown = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (shown != null) {
                shown.append(control ? (char) (c == 0x7F ? 0x2421 : 0x2400 + c) : c);
            }
        }
        return BidiControls.visible(shown == null ? text : shown.toString());
    }

    private static String text(JsonNode value) {
        return visibleControls(value.isMissingNode() || value.isNull() ? ""
                : value.isValueNode() ? value.asText() : value.toString());
    }

    // ---- attach / detach ---------------------------------------------------------------------------

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        UI ui = attachEvent.getUI();
        try {
            lease = registry.watch(variable, "inspector:" + UUID.randomUUID());
        } catch (IllegalArgumentException cannotRun) {
            unavailable.setText("This variable cannot run: " + cannotRun.getMessage());
            unavailable.setVisible(true);
            return;
        }
        flusher = flushers.forUi(ui);
        if (heldOpen) {
            open();
        }
        // Shows at once (under this lock), then whenever the reading taken at a tick differs.
        watching = flusher.watch(this::signature, shown -> refresh());
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        watching.close();
        previewing.close();
        previewOf = null;
        flusher = null;
        if (lease != null) {
            lease.close();
            lease = null;
        }
        super.onDetach(detachEvent);
    }

    /**
     * What the inspector shows beside the preview, in a value cheap to compare: a refresh only when it
     * changes. The instance is in it so that a replacing one (a saved change) is followed.
     */
    private record Shown(LiveVariable live, StateWords state, VariableStats stats, VariableEvent lastEvent,
                         RawFrame lastFrame) {
    }

    private Object signature() {
        VariableLease held = lease;
        if (held == null) {
            return null;
        }
        LiveVariable live = held.live();
        List<VariableEvent> latest = live.events();
        List<RawFrame> frames = live.frames();
        return new Shown(live, StateWords.of(live), live.stats(), latest.isEmpty() ? null : latest.get(0),
                frames.isEmpty() ? null : frames.get(0));
    }

    /** Under the UI lock. */
    private void refresh() {
        if (lease == null) {
            return;
        }
        LiveVariable live = lease.live();
        state.setText(StateWords.of(live).words());
        VariableState now = live.state();
        // Lumo's error badge: a variable that gave up is not one more neutral grey state.
        state.getElement().getThemeList().set("error", now == VariableState.FAILED);
        // Open while open or on its way there would do nothing; Close is for a connection there is.
        boolean closed = now == VariableState.CLOSED || now == VariableState.FAILED;
        open.setEnabled(closed || closingByHand);
        close.setEnabled(!closed);
        if (closed) {
            closingByHand = false;
        }
        String heldBy = live.connectionHolder().map(name -> "Connection held by " + name).orElse("");
        holder.setText(heldBy);
        holder.setVisible(!heldBy.isEmpty());
        String gaveUp = live.failure().orElse("");
        failure.setText(visibleControls(gaveUp));
        failure.setVisible(!gaveUp.isEmpty());
        VariableStats stats = live.stats();
        framesReceived.setText(Long.toString(stats.framesReceived()));
        messages.setText(Long.toString(stats.messagesReceived()));
        bytes.setText(Long.toString(stats.bytesReceived()));
        decodeErrors.setText(Long.toString(stats.decodeErrors()));
        filteredOut.setText(Long.toString(stats.filteredOut()));
        skipped.setText(Long.toString(stats.skipped()));
        reconnects.setText(Long.toString(stats.reconnects()));
        reconnectsLastMinute.setText(Integer.toString(stats.reconnectsLastMinute()));
        rate.setText(String.format(Locale.ROOT, "%.1f", stats.messagesPerSecond()));
        showFrames();
        events.setItems(live.events());
        followPreview(live);
    }

    private void showFrames() {
        if (lease == null) {
            return;
        }
        List<RawFrame> all = lease.live().frames();
        frames.setItems(sentOnly.getValue()
                ? all.stream().filter(frame -> frame.direction() == RawFrame.Direction.OUT).toList()
                : all);
    }

    /** Under the UI lock: the preview subscribes to the dataset of the instance shown, the first flush bringing a snapshot. */
    private void followPreview(LiveVariable live) {
        if (live == previewOf || flusher == null) {
            return;
        }
        previewing.close();
        previewOf = live;
        // The preview shows the whole dataset (the grid sorts nothing), so a change is a cue to read it.
        previewing = flusher.subscribe(live.dataset(), change -> showRecords(live.dataset().snapshot()));
    }

    private void showRecords(List<JsonNode> records) {
        preview.setItems(records);
        if (variable.getStrategy() == InsertStrategy.ADD_LAST) {
            NewestRowsInView.showLast(preview, records.size());
        }
        unreadableTimes.setText(Long.toString(unreadableTimes(records)));
    }

    /** The values of TIMESTAMP fields in {@code records} that are there but read as no time; charts leave them out. */
    private long unreadableTimes(List<JsonNode> records) {
        long count = 0;
        for (JsonNode record : records) {
            for (String path : timestampPaths) {
                JsonNode value = record.at(path);
                if (!value.isMissingNode() && !value.isNull() && Timestamps.read(value) == null) {
                    count++;
                }
            }
        }
        return count;
    }

    // ---- actions -----------------------------------------------------------------------------------

    private void open() {
        try {
            heldOpen = lease != null && lease.open();
            if (lease != null && !heldOpen) {
                showError("Opening was refused by a listener");
            }
        } catch (IllegalStateException gone) {
            showError(gone.getMessage());
        }
        refresh();
    }

    private void close() {
        heldOpen = false;
        // The close completes a moment later: Open is offered again at once.
        closingByHand = true;
        if (lease != null) {
            whenDone(lease.live().close("Closed by hand on the variable page"), "Closing");
        }
        refresh();
    }

    /** Refused at once with the reason when the message would not parse or the variable is not open. */
    private void send() {
        if (lease == null) {
            return;
        }
        LiveVariable live = lease.live();
        String text = message.getValue();
        String problem = text.isBlank() ? "Write a message to send" : live.problemWith(text);
        sendResult.setText("");
        message.setErrorMessage(problem);
        message.setInvalid(problem != null);
        if (problem != null) {
            return;
        }
        if (live.state() != VariableState.OPEN) {
            showSendResult("Not sent: open the variable first (it is " + StateWords.of(live).words() + ")", false);
            return;
        }
        UI ui = UI.getCurrent();
        showSendResult("Sending…", true);
        // Says no more than is known: written, or confirmed by the server (STOMP receipt); a refusal is its reason.
        live.send(text).whenComplete((delivery, error) -> ui.access(() -> showSendResult(error == null
                ? "Sent at " + TIME.format(Instant.now()) + " (" + delivery.words() + ")"
                : "Not sent: " + causeOf(error).getMessage(), error == null)));
    }

    static String eventWords(VariableEvent.Type type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** Under the message box and Send button, where the user's eyes are after clicking it. */
    private void showSendResult(String text, boolean ok) {
        sendResult.setText(text);
        sendResult.getElement().getClassList().set(LumoUtility.TextColor.ERROR, !ok);
        sendResult.getElement().getClassList().set(LumoUtility.TextColor.SUCCESS, ok);
    }

    private static Throwable causeOf(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    /** Reports a failure of an asynchronous action when it comes; success needs no word. */
    private void whenDone(CompletableFuture<Void> action, String what) {
        UI ui = UI.getCurrent();
        action.whenComplete((done, error) -> {
            if (error != null) {
                ui.access(() -> showError(what + " failed: " + causeOf(error).getMessage()));
            }
        });
    }

    private static void showError(String text) {
        Notifications.error(text);
    }

    private static Span counter(String id) {
        var value = new Span("0");
        value.setId(id);
        value.addClassNames(LumoUtility.FontWeight.SEMIBOLD);
        return value;
    }

    private static VerticalLayout labelled(String label, Span value) {
        var caption = new Span(label);
        caption.addClassNames(LumoUtility.FontSize.XSMALL, LumoUtility.TextColor.SECONDARY);
        var box = new VerticalLayout(caption, value);
        box.setPadding(false);
        box.setSpacing(false);
        // As wide as its words, not the row's full width: the counters then wrap side by side.
        box.setWidth(null);
        return box;
    }
}
