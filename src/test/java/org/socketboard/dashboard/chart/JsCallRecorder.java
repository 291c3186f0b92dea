package org.socketboard.dashboard.chart;

import com.github.mvysny.kaributesting.v10.TestingLifecycleHookKt;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.internal.PendingJavaScriptInvocation;
import kotlin.Unit;
import kotlin.jvm.functions.Function1;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intercepts the {@code callJsFunction} calls of one component as Karibu's client round trip sends
 * them to the (mocked) browser: the same invocations Flow would write into the response.
 */
public final class JsCallRecorder implements AutoCloseable {

    /** One call: the function and its arguments as they go over the wire (JSON nodes, numbers). */
    public record Call(String function, List<Object> arguments, PendingJavaScriptInvocation invocation) {
        public Object argument(int index) {
            return arguments.get(index);
        }
    }

    // Element.callJsFunction produces "return $0.name($1,$2)", the element being parameter 0.
    private static final Pattern FUNCTION_CALL = Pattern.compile("\\$0\\.(\\w+)\\(");

    private final Component target;
    private final List<Call> calls = new ArrayList<>();
    private final Function1<PendingJavaScriptInvocation, Unit> handler = this::record;

    private JsCallRecorder(Component target) {
        this.target = target;
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().add(handler);
    }

    public static JsCallRecorder of(Component target) {
        return new JsCallRecorder(target);
    }

    /** The calls recorded since the last drain, oldest first. */
    public List<Call> drain() {
        List<Call> drained = List.copyOf(calls);
        calls.clear();
        return drained;
    }

    private Unit record(PendingJavaScriptInvocation invocation) {
        List<Object> parameters = invocation.getInvocation().getParameters();
        Matcher call = FUNCTION_CALL.matcher(invocation.getInvocation().getExpression());
        if (!parameters.isEmpty() && parameters.get(0) == target.getElement() && call.find()) {
            calls.add(new Call(call.group(1), List.copyOf(parameters.subList(1, parameters.size())), invocation));
        }
        return Unit.INSTANCE;
    }

    @Override
    public void close() {
        TestingLifecycleHookKt.getPendingJavascriptInvocationHandlers().remove(handler);
    }
}
