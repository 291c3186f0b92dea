package org.socketboard.variable.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

/** Stored variables. Used by the variable catalog only, which validates before every save. */
public interface VariableRepository extends JpaRepository<Variable, Long> {

    /** A variable by name, ignoring case, within one namespace ({@link Variable#namespaceOf(Long)}). */
    Optional<Variable> findByNamespaceAndNameKey(String namespace, String nameKey);

    List<Variable> findAllByOrderByNameKeyAsc();

    /** The variables bound to the service with this name key ({@code Names.key}). */
    List<Variable> findByService_NameKeyOrderByNameKeyAsc(String serviceNameKey);

    List<Variable> findByScopeAndConnectOnLoadTrue(VariableScope scope);
}
