package org.socketboard.base.domain;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.Version;
import org.springframework.data.util.ProxyUtils;

import java.time.Instant;

/**
 * A stored definition: a database-generated id, a {@code @Version} for optimistic locking (a stale
 * save fails rather than overwriting someone else's), and creation and update times set by the
 * catalog through {@link #touch}. Columns {@code id}, {@code version}, {@code created_at} and
 * {@code updated_at}.
 *
 * <p>Equality is by id within one entity class, proxy-safe (a lazy Hibernate proxy equals the loaded
 * instance); an unsaved instance equals only itself. The hash code is the class's, so an instance
 * keeps its hash when saving gives it an id.
 */
@MappedSuperclass
public abstract class AbstractEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Version
    private Long version;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Sets the timestamps: creation once, update every time (a save then also bumps the version). */
    public void touch(Instant now) {
        if (createdAt == null) {
            createdAt = now;
        }
        updatedAt = now;
    }

    public boolean isNew() {
        return getId() == null;
    }

    public Long getId() {
        return id;
    }

    public Long getVersion() {
        return version;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (other == null || ProxyUtils.getUserClass(this) != ProxyUtils.getUserClass(other)) {
            return false;
        }
        Long ownId = getId();
        return ownId != null && ownId.equals(((AbstractEntity) other).getId());
    }

    @Override
    public int hashCode() {
        return ProxyUtils.getUserClass(this).hashCode();
    }
}
