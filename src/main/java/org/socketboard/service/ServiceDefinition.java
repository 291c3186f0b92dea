package org.socketboard.service;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.socketboard.service.domain.FieldType;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.SocketService;
import org.socketboard.upstream.domain.Protocol;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service as code: the stable JSON shape of the REST API and of dashboard bundles. No ids, no test
 * outcome (that belongs to the server it was tested on) and no field metadata (the catalog infers it
 * from the samples on every save) beyond the display names people gave fields, by path. The value of a secret parameter is never written out: it is
 * {@code null} next to {@code "secret": true}; reading such a definition onto a stored service keeps
 * the value the server already has.
 *
 * <pre>{@code
 * {"name": "Ticker", "url": "wss://example.org/ticker", "description": null, "subprotocols": [],
 *  "sampleRequest": null, "sampleResponse": "{\"price\": 1}", "recordPath": "",
 *  "params": [{"name": "token", "location": "HEADER", "type": "STRING", "defaultValue": null,
 *              "required": true, "secret": true}],
 *  "arrayRecords": false, "fieldNames": {"/price": "Price"}, "protocol": "WEBSOCKET"}
 * }</pre>
 *
 * @param arrayRecords an array at the record path is one record read by position ({@code /0}, {@code /1}, …)
 * @param fieldNames   display names of response fields by path, e.g. {@code {"/0": "time"}}; left out for none
 * @param protocol     WEBSOCKET, SOCKET_IO or STOMP; left out (or {@code null}) for WEBSOCKET
 */
public record ServiceDefinition(@NotBlank String name, @NotBlank String url, String description,
                                List<String> subprotocols, String sampleRequest, String sampleResponse,
                                String recordPath, @Valid List<Param> params, boolean arrayRecords,
                                Map<String, String> fieldNames, Protocol protocol) {

    public ServiceDefinition {
        subprotocols = subprotocols == null ? List.of() : List.copyOf(subprotocols);
        recordPath = recordPath == null ? "" : recordPath;
        params = params == null ? List.of() : params.stream().filter(Objects::nonNull).toList();
        fieldNames = fieldNames == null ? Map.of() : new LinkedHashMap<>(fieldNames);
        protocol = protocol == null ? Protocol.WEBSOCKET : protocol;
    }

    /**
     * A query, path, header or protocol connect parameter; {@code defaultValue} is {@code null} whenever {@code secret}
     * is set.
     */
    public record Param(@NotBlank String name, @NotNull ParamLocation location, FieldType type, String defaultValue,
                        boolean required, boolean secret) {

        static Param of(ServiceParam param) {
            return new Param(param.name(), param.location(), param.type(),
                    param.secret() ? null : param.defaultValue(), param.required(), param.secret());
        }
    }

    /** The definition of a stored service, secret values left out. */
    public static ServiceDefinition of(SocketService service) {
        return new ServiceDefinition(service.getName(), service.getUrl(), service.getDescription(),
                service.getSubprotocols(), service.getSampleRequest(), service.getSampleResponse(),
                service.getRecordPath(), service.getParams().stream().map(Param::of).toList(), service.isArrayRecords(),
                service.getFieldNames(), service.getProtocol());
    }

    /** The same definition under another name (an import that renames a clash). */
    public ServiceDefinition withName(String newName) {
        return new ServiceDefinition(newName, url, description, subprotocols, sampleRequest, sampleResponse,
                recordPath, params, arrayRecords, fieldNames, protocol);
    }

    /**
     * Writes this definition onto {@code target} (a new or a stored service). A secret parameter
     * without a value keeps the value {@code target} has for it. A new service, or one whose URL
     * changes, counts as saved without a test: a test elsewhere proves nothing here.
     */
    public void applyTo(SocketService target) {
        if (target.isNew() || !Objects.equals(url, target.getUrl())) {
            target.clearTest();
            target.setTestSkipped(true);
        }
        List<ServiceParam> kept = target.getParams();
        List<ServiceParam> merged = new ArrayList<>();
        for (Param param : params) {
            String value = param.defaultValue();
            if (param.secret() && value == null) {
                value = secretValue(kept, param.name()).orElse(null);
            }
            merged.add(new ServiceParam(param.name(), param.location(),
                    param.type() == null ? FieldType.STRING : param.type(), value, param.required(), param.secret()));
        }
        target.setName(name);
        target.setUrl(url);
        target.setDescription(description);
        target.setSubprotocols(subprotocols);
        target.setSampleRequest(sampleRequest);
        target.setSampleResponse(sampleResponse);
        target.setRecordPath(recordPath);
        target.setParams(merged);
        target.setArrayRecords(arrayRecords);
        target.setFieldNames(fieldNames);
        target.setProtocol(protocol);
    }

    private static Optional<String> secretValue(List<ServiceParam> params, String name) {
        return params.stream().filter(param -> param.secret() && param.name().equals(name))
                .map(ServiceParam::defaultValue).filter(Objects::nonNull).findFirst();
    }
}
