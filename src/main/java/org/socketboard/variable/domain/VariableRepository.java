package org.socketboard.variable.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

/** Stored variables. Used by the variable catalog only, which validates before every save. */
public interface VariableRepository extends JpaRepository<Variable, Long> {

    /** A variable by name, ignoring case, within one namespace ({@link Variable#namespaceOf(Long)}). */
    Optional<Variable> findByNamespaceAndNameKey(String namespace, String nameKey);

    List<Variable> findAllByOrderByNameKeyAsc();

    List<Variable> findByServiceIdOrderByNameKeyAsc(Long serviceId);

    List<Variable> findByScopeAndConnectOnLoadTrue(VariableScope scope);
}
