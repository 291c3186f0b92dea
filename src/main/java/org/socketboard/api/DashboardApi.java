package org.socketboard.api;

import jakarta.validation.Valid;
import org.socketboard.dashboard.transfer.ConflictAction;
import org.socketboard.dashboard.transfer.ConflictResolutions;
import org.socketboard.dashboard.transfer.DashboardBundle;
import org.socketboard.dashboard.transfer.DashboardDefinition;
import org.socketboard.dashboard.transfer.ImportConflict;
import org.socketboard.dashboard.transfer.ImportResult;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /api/dashboards}: dashboards as {@link DashboardDefinition}s, and whole bundles (the dashboard
 * with the variables and services it uses) out and in.
 */
@RestController
@RequestMapping(path = "/api/dashboards", produces = MediaType.APPLICATION_JSON_VALUE)
public class DashboardApi {

    private final Provisioning provisioning;

    public DashboardApi(Provisioning provisioning) {
        this.provisioning = provisioning;
    }

    @GetMapping
    public List<DashboardDefinition> list() {
        return provisioning.dashboards();
    }

    @GetMapping("/{slug}")
    public DashboardDefinition get(@PathVariable String slug) {
        return provisioning.dashboard(slug).orElseThrow(() -> Provisioning.notFound("dashboard", slug));
    }

    /** 201 when created, 200 when replaced (with its own variables); the variables it names must exist. */
    @PutMapping(path = "/{slug}", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<DashboardDefinition> put(@PathVariable String slug, @Valid @RequestBody DashboardDefinition definition) {
        return Responses.stored(provisioning.putDashboard(slug, definition));
    }

    @DeleteMapping("/{slug}")
    public ResponseEntity<Void> delete(@PathVariable String slug) {
        return Responses.deleted(provisioning.deleteDashboard(slug), "dashboard", slug);
    }

    @GetMapping("/{slug}/export")
    public DashboardBundle export(@PathVariable String slug) {
        return provisioning.export(slug).orElseThrow(() -> Provisioning.notFound("dashboard", slug));
    }

    /**
     * Imports a bundle: 201 with what was done; 409 listing the clashes when a taken name has no
     * answer. Answers: {@code onConflict=skip|replace|rename} for all, and/or one
     * {@code resolve=kind:name:action} per clash (e.g. {@code resolve=service:Ticker:replace}).
     */
    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<ImportResult> importBundle(@Valid @RequestBody DashboardBundle bundle,
                                                     @RequestParam(required = false) String onConflict,
                                                     @RequestParam(required = false) List<String> resolve) {
        var resolutions = new ConflictResolutions(onConflict == null ? null : action("onConflict", onConflict),
                answers(resolve == null ? List.of() : resolve));
        return ResponseEntity.status(HttpStatus.CREATED).body(provisioning.importBundle(bundle, resolutions));
    }

    private static Map<ImportConflict, ConflictAction> answers(List<String> resolve) {
        Map<ImportConflict, ConflictAction> answers = new HashMap<>();
        for (String answer : resolve) {
            int kindEnd = answer.indexOf(':');
            int actionStart = answer.lastIndexOf(':');
            if (kindEnd < 0 || actionStart == kindEnd) {
                throw badRequest("resolve=" + answer + " is not kind:name:action, e.g. service:Ticker:replace");
            }
            ImportConflict.Kind kind = kind(answer.substring(0, kindEnd));
            answers.put(new ImportConflict(kind, answer.substring(kindEnd + 1, actionStart)),
                    action("resolve", answer.substring(actionStart + 1)));
        }
        return answers;
    }

    private static ImportConflict.Kind kind(String text) {
        try {
            return ImportConflict.Kind.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw badRequest("'" + text + "' is not a kind of definition: service, variable or dashboard");
        }
    }

    private static ConflictAction action(String parameter, String text) {
        try {
            return ConflictAction.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw badRequest(parameter + ": '" + text + "' is not skip, replace or rename");
        }
    }

    private static ResponseStatusException badRequest(String reason) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, reason);
    }
}
