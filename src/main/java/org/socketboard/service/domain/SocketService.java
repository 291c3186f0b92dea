package org.socketboard.service.domain;

import org.socketboard.base.domain.NamedEntity;
import org.socketboard.upstream.domain.Protocol;
import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import org.socketboard.base.StringListConverter;
import org.socketboard.base.StringMapConverter;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An imported WebSocket service: where it lives, its parameters, the sample messages and the field
 * metadata inferred from them, and the outcome of the last connection test. The service catalog
 * validates an instance as a whole before storing it; the setters do no checking of their own, so a
 * form can hold a half-typed draft.
 */
@Entity
@Table(name = "socket_service")
public class SocketService extends NamedEntity {

    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final int MAX_RECORD_PATH_LENGTH = 1000;
    /** Longest stored test outcome; failure texts of the JDK client are far shorter. */
    public static final int MAX_OUTCOME_LENGTH = 4000;

    @Column(nullable = false, length = MAX_URL_LENGTH)
    private String url;

    @Column(length = MAX_DESCRIPTION_LENGTH)
    private String description;

    @Convert(converter = StringListConverter.class)
    @Column(nullable = false, length = 4000)
    private List<String> subprotocols = List.of();

    /** What the service speaks inside its WebSocket: plain messages, Socket.IO or STOMP. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private Protocol protocol = Protocol.WEBSOCKET;

    @Column(name = "sample_request", length = 1_048_576)
    private String sampleRequest;

    @Column(name = "sample_response", length = 1_048_576)
    private String sampleResponse;

    /** JSON Pointer of the records inside a response message; empty for the message itself. */
    @Column(name = "record_path", nullable = false, length = MAX_RECORD_PATH_LENGTH)
    private String recordPath = "";

    /**
     * Whether an array at the record path is one record whose fields are its positions ({@code /0},
     * {@code /1}, …) rather than a list of records; arrays of arrays give one record per inner array.
     */
    @Column(name = "array_records", nullable = false)
    private boolean arrayRecords;

    /** Display names that people gave response fields, by path ({@code "/0" → "time"}). */
    @Convert(converter = StringMapConverter.class)
    @Column(name = "field_names", nullable = false, length = 1_048_576)
    private Map<String, String> fieldNames = Map.of();

    @Convert(converter = ServiceParamListConverter.class)
    @Column(nullable = false, length = 1_048_576)
    private List<ServiceParam> params = List.of();

    /** The body fields, inferred from the sample request. */
    @Convert(converter = FieldMetaListConverter.class)
    @Column(name = "request_fields", nullable = false, length = 1_048_576)
    private List<FieldMeta> requestFields = List.of();

    /** The fields of one record (at {@link #getRecordPath()}), inferred from the sample response. */
    @Convert(converter = FieldMetaListConverter.class)
    @Column(name = "response_fields", nullable = false, length = 1_048_576)
    private List<FieldMeta> responseFields = List.of();

    @Column(name = "last_test_outcome", length = MAX_OUTCOME_LENGTH)
    private String lastTestOutcome;

    /** Null while the service has never been tested. */
    @Column(name = "last_test_succeeded")
    private Boolean lastTestSucceeded;

    @Column(name = "last_tested_at")
    private Instant lastTestedAt;

    /** The admin saved without a test (allowed when the page could not test a {@code ws://} URL). */
    @Column(name = "test_skipped", nullable = false)
    private boolean testSkipped;

    /** Remembers the outcome of a connection test, replacing the previous one. */
    public void recordTest(boolean succeeded, String outcome, Instant testedAt) {
        this.lastTestSucceeded = succeeded;
        this.lastTestOutcome = outcome != null && outcome.length() > MAX_OUTCOME_LENGTH
                ? outcome.substring(0, MAX_OUTCOME_LENGTH)
                : outcome;
        this.lastTestedAt = testedAt;
    }

    /** Forgets the last test, e.g. because the URL it reached has changed since. */
    public void clearTest() {
        this.lastTestSucceeded = null;
        this.lastTestOutcome = null;
        this.lastTestedAt = null;
    }

    /** A successful test, or the admin's explicit choice to go without one. */
    public boolean hasPassedOrSkippedTest() {
        return testSkipped || Boolean.TRUE.equals(lastTestSucceeded);
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getDescription() {
        return description;
    }

    public void setDescription(String description) {
        this.description = description;
    }

    public List<String> getSubprotocols() {
        return subprotocols;
    }

    public void setSubprotocols(List<String> subprotocols) {
        this.subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
    }

    public Protocol getProtocol() {
        return protocol;
    }

    public void setProtocol(Protocol protocol) {
        this.protocol = protocol == null ? Protocol.WEBSOCKET : protocol;
    }

    public String getSampleRequest() {
        return sampleRequest;
    }

    public void setSampleRequest(String sampleRequest) {
        this.sampleRequest = sampleRequest;
    }

    public String getSampleResponse() {
        return sampleResponse;
    }

    public void setSampleResponse(String sampleResponse) {
        this.sampleResponse = sampleResponse;
    }

    public String getRecordPath() {
        return recordPath;
    }

    public void setRecordPath(String recordPath) {
        this.recordPath = recordPath == null ? "" : recordPath;
    }

    public List<ServiceParam> getParams() {
        return params;
    }

    public void setParams(List<ServiceParam> params) {
        this.params = params == null ? List.of() : List.copyOf(params);
    }

    public List<FieldMeta> getRequestFields() {
        return requestFields;
    }

    public void setRequestFields(List<FieldMeta> requestFields) {
        this.requestFields = requestFields == null ? List.of() : List.copyOf(requestFields);
    }

    public boolean isArrayRecords() {
        return arrayRecords;
    }

    public void setArrayRecords(boolean arrayRecords) {
        this.arrayRecords = arrayRecords;
    }

    public Map<String, String> getFieldNames() {
        return fieldNames;
    }

    public void setFieldNames(Map<String, String> fieldNames) {
        this.fieldNames = fieldNames == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fieldNames));
    }

    public List<FieldMeta> getResponseFields() {
        return responseFields;
    }

    public void setResponseFields(List<FieldMeta> responseFields) {
        this.responseFields = responseFields == null ? List.of() : List.copyOf(responseFields);
    }

    public String getLastTestOutcome() {
        return lastTestOutcome;
    }

    public Boolean getLastTestSucceeded() {
        return lastTestSucceeded;
    }

    public Instant getLastTestedAt() {
        return lastTestedAt;
    }

    public boolean isTestSkipped() {
        return testSkipped;
    }

    public void setTestSkipped(boolean testSkipped) {
        this.testSkipped = testSkipped;
    }
}
