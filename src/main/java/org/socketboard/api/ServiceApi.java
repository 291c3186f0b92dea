package org.socketboard.api;

import jakarta.validation.Valid;
import org.socketboard.service.ServiceDefinition;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code /api/services}: services as {@link ServiceDefinition}s; secret values are never returned. */
@RestController
@RequestMapping(path = "/api/services", produces = MediaType.APPLICATION_JSON_VALUE)
public class ServiceApi {

    private final Provisioning provisioning;

    public ServiceApi(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    @GetMapping
    public List<ServiceDefinition> list() {
        return provisioning.services();
    }

    @GetMapping("/{name}")
    public ServiceDefinition get(@PathVariable String name) {
        return provisioning.service(name).orElseThrow(() -> Provisioning.notFound("service", name));
    }

    /** 201 when created, 200 when replaced; 400 with field → message when the catalog refuses it. */
    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ServiceDefinition> put(@PathVariable String name, @Valid @RequestBody ServiceDefinition definition) {
        return Responses.stored(provisioning.putService(name, definition));
    }

    /** 204; 404 when there is none; 409 naming the variables when it is in use. */
    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        return Responses.deleted(provisioning.deleteService(name), "service", name);
    }
}
