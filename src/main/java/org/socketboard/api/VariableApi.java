package org.socketboard.api;

import jakarta.validation.Valid;
import org.socketboard.variable.VariableDefinition;
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

/**
 * {@code /api/variables}: the variables of no dashboard as {@link VariableDefinition}s (a dashboard's
 * own variables come with the dashboard), and an application variable's current dataset.
 */
@RestController
@RequestMapping(path = "/api/variables", produces = MediaType.APPLICATION_JSON_VALUE)
public class VariableApi {

    private final Provisioning provisioning;

    public VariableApi(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    @GetMapping
    public List<VariableDefinition> list() {
        return provisioning.variables();
    }

    @GetMapping("/{name}")
    public VariableDefinition get(@PathVariable String name) {
        return provisioning.variable(name).orElseThrow(() -> Provisioning.notFound("variable", name));
    }

    /** The records the shared instance holds now, with its state and dataset version. */
    @GetMapping("/{name}/dataset")
    public DatasetSnapshot dataset(@PathVariable String name) {
        return provisioning.dataset(name);
    }

    /** 201 when created, 200 when replaced; 400 naming an unknown service or the fields the catalog refuses. */
    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<VariableDefinition> put(@PathVariable String name, @Valid @RequestBody VariableDefinition definition) {
        return Responses.stored(provisioning.putVariable(name, definition));
    }

    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        return Responses.deleted(provisioning.deleteVariable(name), "variable", name);
    }
}
