package org.socketboard.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The status codes the API answers writes with, the same for every kind of definition. */
final class Responses {

    private Responses() {
    }

    /** 201 for a created definition, 200 for a replaced one; the body is the definition as stored. */
    static <T> ResponseEntity<T> stored(Stored<T> stored) {
        return ResponseEntity.status(stored.created() ? HttpStatus.CREATED : HttpStatus.OK).body(stored.definition());
    }

    /** 204 once deleted; 404 when there was nothing of that name. */
    static ResponseEntity<Void> deleted(boolean deleted, String what, String name) {
        if (!deleted) {
            throw Provisioning.notFound(what, name);
        }
        return ResponseEntity.noContent().build();
    }
}
