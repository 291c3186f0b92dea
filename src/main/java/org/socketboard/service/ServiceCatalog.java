package org.socketboard.service;

import org.socketboard.base.Checks;
import org.socketboard.base.InvalidDefinitionException;
import org.socketboard.base.Names;
import org.socketboard.service.domain.FieldMeta;
import org.socketboard.service.domain.ParamLocation;
import org.socketboard.service.domain.ServiceParam;
import org.socketboard.service.domain.ServiceUrl;
import org.socketboard.service.domain.SocketService;
import org.socketboard.service.domain.SocketServiceRepository;
import org.socketboard.security.AuditLog;
import org.socketboard.security.SecretCipher;
import org.socketboard.security.domain.AuditAction;
import org.socketboard.security.domain.AuditKind;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The services an admin has imported: lists them with how many variables use each, and stores a
 * definition only once {@link ServiceValidator} finds nothing wrong with it, storing the field
 * metadata the validator derived from the samples so that stored fields always match the stored samples.
 * Changes are for admins ({@code @PreAuthorize}); reading is for every signed-in user. Secret
 * parameter values are stored encrypted ({@link SecretCipher}) and only ever handed out so.
 */
@Service
@Transactional
public class ServiceCatalog {

    private final SocketServiceRepository repository;
    private final ServiceValidator validator;
    private final List<ServiceUsage> usages;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    public ServiceCatalog(SocketServiceRepository repository, ServiceValidator validator, List<ServiceUsage> usages,
                          SecretCipher cipher, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.validator = validator;
        this.usages = List.copyOf(usages);
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public List<ServiceSummary> list() {
        return repository.findAllByOrderByNameKeyAsc().stream()
                .map(s -> new ServiceSummary(s.getName(), s.getUrl(), s.getProtocol(), s.getLastTestSucceeded(),
                        s.getLastTestOutcome(), s.getLastTestedAt(), s.isTestSkipped(),
                        variablesUsing(s.getName()).size()))
                .toList();
    }

    /** The service with this name, ignoring case; a detached copy that a form may edit and hand back. */
    @Transactional(readOnly = true)
    public Optional<SocketService> find(String name) {
        return repository.findByNameKey(Names.key(name));
    }

    /** The variables that use the named service, sorted. */
    @Transactional(readOnly = true)
    public List<String> variablesUsing(String serviceName) {
        return usages.stream()
                .flatMap(usage -> usage.variablesUsing(serviceName).stream())
                .distinct()
                .sorted()
                .toList();
    }

    /**
     * Stores the definition once {@link ServiceValidator} passes all of it, or stores nothing.
     *
     * @return the stored service (a new instance; the argument stays detached)
     * @throws InvalidDefinitionException with a message per offending field
     * @throws ServiceInUseException      when renaming a service that variables use
     */
    @PreAuthorize("hasRole('ADMIN')")
    public SocketService save(SocketService service) {
        var checked = validator.check(service, repository::findByNameKey).orThrow();
        refuseRenameInUse(service);
        moveQueryIntoParams(service, checked.url().orElseThrow());
        sealSecrets(service);
        service.setRequestFields(checked.requestFields());
        List<FieldMeta> inferred = checked.recordFields();
        service.setFieldNames(namesOfKnownFields(service.getFieldNames(), inferred));
        service.setResponseFields(FieldMeta.named(inferred, service.getFieldNames()));
        service.touch(clock.instant());
        boolean created = service.isNew();
        SocketService saved = repository.saveAndFlush(service);
        audit.record(created ? AuditAction.CREATED : AuditAction.CHANGED, AuditKind.SERVICE, saved.getName(), saved.getUrl());
        return saved;
    }

    /**
     * Deletes the named service; nothing happens when there is none.
     *
     * @throws ServiceInUseException naming the variables that still use it
     */
    @PreAuthorize("hasRole('ADMIN')")
    public void delete(String name) {
        repository.findByNameKey(Names.key(name)).ifPresent(service -> {
            checkDeletable(service.getName());
            repository.delete(service);
            audit.record(AuditAction.DELETED, AuditKind.SERVICE, service.getName(), null);
        });
    }

    /**
     * Lets a view refuse a deletion before asking for confirmation.
     *
     * @throws ServiceInUseException naming the variables that use the service
     */
    @Transactional(readOnly = true)
    public void checkDeletable(String name) {
        var using = variablesUsing(name);
        if (!using.isEmpty()) {
            throw new ServiceInUseException("delete", name, using);
        }
    }

    /** The display names of fields the sample has (by path), blanks left out: names of fields gone are forgotten. */
    private static Map<String, String> namesOfKnownFields(Map<String, String> names, List<FieldMeta> fields) {
        Set<String> paths = new HashSet<>();
        collectPaths(fields, paths);
        Map<String, String> kept = new LinkedHashMap<>();
        names.forEach((path, name) -> {
            if (paths.contains(path) && name != null && !name.isBlank()) {
                kept.put(path, name.trim());
            }
        });
        return kept;
    }

    private static void collectPaths(List<FieldMeta> fields, Set<String> paths) {
        for (FieldMeta field : fields) {
            paths.add(field.path());
            collectPaths(field.children(), paths);
        }
    }

    /**
     * Query parameters live in one place, the parameters: each {@code ?name=value} of the URL moves into
     * the query parameter of that name (its default when it has none; a new one when there is none) and
     * leaves the URL, so a value in the URL can no longer differ from, and silently lose to, the
     * parameter's. A secret typed in the URL is thus never stored in it either. The form shows a URL
     * value that differs from its parameter's default before saving.
     */
    private static void moveQueryIntoParams(SocketService service, ServiceUrl url) {
        if (url.queryParameters().isEmpty()) {
            return;
        }
        List<ServiceParam> params = new ArrayList<>(service.getParams());
        List<String> moved = new ArrayList<>();
        for (ServiceParam detected : url.detectedParameters()) {
            if (detected.location() != ParamLocation.QUERY) {
                continue;
            }
            int declared = indexOfParam(params, detected.name());
            if (declared < 0) {
                params.add(detected);
            } else if (params.get(declared).location() != ParamLocation.QUERY) {
                // A header or path parameter of the same name: the URL keeps its query value.
                continue;
            } else if (Checks.isBlank(params.get(declared).defaultValue()) && !Checks.isBlank(detected.defaultValue())) {
                params.set(declared, params.get(declared).withDefaultValue(detected.defaultValue()));
            }
            moved.add(detected.name());
        }
        service.setParams(params);
        service.setUrl(url.withoutQueryParameters(moved));
    }

    private static int indexOfParam(List<ServiceParam> params, String name) {
        for (int i = 0; i < params.size(); i++) {
            if (params.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Secret defaults are stored encrypted; a parameter no longer secret is stored plain. */
    private void sealSecrets(SocketService service) {
        List<ServiceParam> sealed = new ArrayList<>();
        for (ServiceParam param : service.getParams()) {
            String value = param.defaultValue();
            sealed.add(param.withDefaultValue(param.secret() ? cipher.seal(value) : cipher.reveal(value)));
        }
        service.setParams(sealed);
    }

    private void refuseRenameInUse(SocketService service) {
        if (service.isNew()) {
            return;
        }
        repository.findById(service.getId())
                .map(SocketService::getName)
                .filter(storedName -> !storedName.equals(service.getName()))
                .ifPresent(storedName -> {
                    var using = variablesUsing(storedName);
                    if (!using.isEmpty()) {
                        throw new ServiceInUseException("rename", storedName, using);
                    }
                });
    }
}
