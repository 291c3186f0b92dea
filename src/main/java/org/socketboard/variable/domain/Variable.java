package org.socketboard.variable.domain;

import org.socketboard.base.domain.NamedEntity;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.socketboard.base.StringListConverter;
import org.socketboard.service.domain.SocketService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A variable: a service bound to a live, bounded dataset, with the values the connection needs
 * (parameters, request body, messages to send on open) and what to do with new data. The variable
 * catalog validates an instance as a whole before storing it; the setters do no checking of their
 * own, so a form can hold a half-typed draft.
 *
 * <p>Names are unique (ignoring case) within a namespace: the variables that belong to no dashboard
 * share one, and each dashboard has its own.
 */
@Entity
@Table(name = "socket_variable")
public class Variable extends NamedEntity {

    /** The namespace of the variables that belong to no dashboard. */
    static final String GLOBAL_NAMESPACE = "global";

    /** "global", or "dashboard:&lt;id&gt;": with name_key, a portable unique key despite the nullable dashboard id. */
    @Column(nullable = false, length = 40)
    private String namespace = GLOBAL_NAMESPACE;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private VariableScope scope = VariableScope.APPLICATION;

    @ManyToOne(fetch = FetchType.EAGER, optional = false)
    @JoinColumn(name = "service_id", nullable = false)
    private SocketService service;

    @Column(name = "connect_on_load", nullable = false)
    private boolean connectOnLoad;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private InsertStrategy strategy = InsertStrategy.ADD_LAST;

    /** The most records kept; 0 means up to the server cap. */
    @Column(name = "data_limit", nullable = false)
    private int dataLimit;

    /** JSON Pointer of the key inside a record, for {@link InsertStrategy#UPSERT}. */
    @Column(name = "upsert_key", length = 1000)
    private String upsertKey;

    @Convert(converter = ParamValuesConverter.class)
    @Column(name = "param_values", nullable = false, length = 1_048_576)
    private Map<String, String> paramValues = Map.of();

    @Column(name = "request_body", length = 1_048_576)
    private String requestBody;

    /** Sent in order after every (re)connect, e.g. an auth message then a subscribe message. */
    @Convert(converter = StringListConverter.class)
    @Column(name = "send_on_open", nullable = false, length = 1_048_576)
    private List<String> sendOnOpen = List.of();

    /**
     * Within the service's protocol: the STOMP destinations to SUBSCRIBE to (at least one; parameters
     * as {@code {name}}), or the Socket.IO events kept (empty: every event). Unused for plain WebSocket.
     */
    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, length = 1_048_576)
    private List<String> subscriptions = List.of();

    /** Where sent messages go: a STOMP SEND destination (blank: the first subscription), a Socket.IO event (blank: message). */
    @Column(name = "send_target", length = 1000)
    private String sendTarget;

    /** Overrides the service's record path when not blank. */
    @Column(name = "record_path_override", length = 1000)
    private String recordPathOverride;

    /** Which messages reach the strategy; {@link MessageFilter#NONE} lets every one through. */
    @Convert(converter = MessageFilterConverter.class)
    @Column(name = "message_filter", length = 1_048_576)
    private MessageFilter messageFilter = MessageFilter.NONE;

    /**
     * Whether an array at the record path is one record (fields {@code /0}, {@code /1}, …) rather than
     * a list of records; null: as the service says.
     */
    @Column(name = "array_records")
    private Boolean arrayRecords;

    @Column(name = "reconnect_enabled", nullable = false)
    private boolean reconnectEnabled = true;

    @Column(name = "reconnect_initial_delay_ms", nullable = false)
    private long reconnectInitialDelayMs = 1_000;

    @Column(name = "reconnect_max_delay_ms", nullable = false)
    private long reconnectMaxDelayMs = 30_000;

    /** 0: no limit. */
    @Column(name = "reconnect_max_attempts", nullable = false)
    private int reconnectMaxAttempts;

    /** The dashboard this variable belongs to; null for one that belongs to none. */
    @Column(name = "dashboard_id")
    private Long dashboardId;

    /** The namespace a variable's name is unique in: its dashboard's, or the global one. */
    public static String namespaceOf(Long dashboardId) {
        return dashboardId == null ? GLOBAL_NAMESPACE : "dashboard:" + dashboardId;
    }

    /** The record path the connection uses: the override when set, else the service's. */
    public String effectiveRecordPath() {
        if (recordPathOverride != null && !recordPathOverride.isBlank()) {
            return recordPathOverride.trim();
        }
        return service == null ? "" : service.getRecordPath();
    }

    /** Whether each array at the record path is one record: the variable's own choice, else the service's. */
    public boolean effectiveArrayRecords() {
        if (arrayRecords != null) {
            return arrayRecords;
        }
        return service != null && service.isArrayRecords();
    }

    public String getNamespace() {
        return namespace;
    }

    public VariableScope getScope() {
        return scope;
    }

    public void setScope(VariableScope scope) {
        this.scope = scope;
    }

    public SocketService getService() {
        return service;
    }

    public void setService(SocketService service) {
        this.service = service;
    }

    public boolean isConnectOnLoad() {
        return connectOnLoad;
    }

    public void setConnectOnLoad(boolean connectOnLoad) {
        this.connectOnLoad = connectOnLoad;
    }

    public InsertStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(InsertStrategy strategy) {
        this.strategy = strategy;
    }

    public int getDataLimit() {
        return dataLimit;
    }

    public void setDataLimit(int dataLimit) {
        this.dataLimit = dataLimit;
    }

    public String getUpsertKey() {
        return upsertKey;
    }

    public void setUpsertKey(String upsertKey) {
        this.upsertKey = upsertKey;
    }

    public Map<String, String> getParamValues() {
        return paramValues;
    }

    public void setParamValues(Map<String, String> paramValues) {
        this.paramValues = paramValues == null ? Map.of() : new LinkedHashMap<>(paramValues);
    }

    public String getRequestBody() {
        return requestBody;
    }

    public void setRequestBody(String requestBody) {
        this.requestBody = requestBody;
    }

    public List<String> getSendOnOpen() {
        return sendOnOpen;
    }

    public void setSendOnOpen(List<String> sendOnOpen) {
        this.sendOnOpen = sendOnOpen == null ? List.of() : List.copyOf(sendOnOpen);
    }

    public String getRecordPathOverride() {
        return recordPathOverride;
    }

    public void setRecordPathOverride(String recordPathOverride) {
        this.recordPathOverride = recordPathOverride;
    }

    public List<String> getSubscriptions() {
        return subscriptions;
    }

    public void setSubscriptions(List<String> subscriptions) {
        this.subscriptions = subscriptions == null ? List.of()
                : subscriptions.stream().filter(s -> s != null && !s.isBlank()).map(String::strip).toList();
    }

    public String getSendTarget() {
        return sendTarget;
    }

    public void setSendTarget(String sendTarget) {
        this.sendTarget = sendTarget == null || sendTarget.isBlank() ? null : sendTarget.strip();
    }

    public MessageFilter getMessageFilter() {
        return messageFilter;
    }

    public void setMessageFilter(MessageFilter messageFilter) {
        this.messageFilter = messageFilter == null ? MessageFilter.NONE : messageFilter;
    }

    public Boolean getArrayRecords() {
        return arrayRecords;
    }

    public void setArrayRecords(Boolean arrayRecords) {
        this.arrayRecords = arrayRecords;
    }

    public boolean isReconnectEnabled() {
        return reconnectEnabled;
    }

    public void setReconnectEnabled(boolean reconnectEnabled) {
        this.reconnectEnabled = reconnectEnabled;
    }

    public long getReconnectInitialDelayMs() {
        return reconnectInitialDelayMs;
    }

    public void setReconnectInitialDelayMs(long reconnectInitialDelayMs) {
        this.reconnectInitialDelayMs = reconnectInitialDelayMs;
    }

    public long getReconnectMaxDelayMs() {
        return reconnectMaxDelayMs;
    }

    public void setReconnectMaxDelayMs(long reconnectMaxDelayMs) {
        this.reconnectMaxDelayMs = reconnectMaxDelayMs;
    }

    public int getReconnectMaxAttempts() {
        return reconnectMaxAttempts;
    }

    public void setReconnectMaxAttempts(int reconnectMaxAttempts) {
        this.reconnectMaxAttempts = reconnectMaxAttempts;
    }

    public Long getDashboardId() {
        return dashboardId;
    }

    public void setDashboardId(Long dashboardId) {
        this.dashboardId = dashboardId;
        this.namespace = namespaceOf(dashboardId);
    }

    @Override
    public String toString() {
        return "Variable[" + getName() + ", " + scope + "]";
    }
}
