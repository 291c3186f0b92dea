package org.socketboard.service.inference;

import com.fasterxml.jackson.databind.JsonNode;
import org.socketboard.service.domain.FieldMeta;

import java.util.List;

/**
 * What a sample tells: its format, its documents (one per message: several for newline-delimited
 * JSON), the fields of the whole message, where its
 * records are ({@code ""} = the root) and the fields of one record (paths relative to the record).
 * See {@link FieldInference} for the path conventions.
 */
public record InferredSample(SampleFormat format, List<JsonNode> documents, List<FieldMeta> fields, String recordPath,
                             List<FieldMeta> recordFields) {

    public InferredSample {
        documents = List.copyOf(documents);
        fields = List.copyOf(fields);
        recordFields = List.copyOf(recordFields);
    }
}
