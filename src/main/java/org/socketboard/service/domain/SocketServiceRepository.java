package org.socketboard.service.domain;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

/** Stored services. Used by the service catalog only, which validates before every save. */
public interface SocketServiceRepository extends JpaRepository<SocketService, Long> {

    /** Looks a service up by name, ignoring case ({@link org.socketboard.base.Names#key(String)}). */
    Optional<SocketService> findByNameKey(String nameKey);

    List<SocketService> findAllByOrderByNameKeyAsc();
}
