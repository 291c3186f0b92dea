package org.socketboard.base.domain;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import org.socketboard.base.Names;

/**
 * A definition people find by name: the name as typed (at most {@value #MAX_NAME_LENGTH} characters)
 * and its {@link Names#key key}, which the database keeps unique so that names differ in more than
 * case on H2 and PostgreSQL alike. Columns {@code name} and {@code name_key}.
 */
@MappedSuperclass
public abstract class NamedEntity extends AbstractEntity {

    public static final int MAX_NAME_LENGTH = 64;

    @Column(nullable = false, length = MAX_NAME_LENGTH)
    private String name;

    @Column(name = "name_key", nullable = false, length = MAX_NAME_LENGTH)
    private String nameKey;

    public String getName() {
        return name;
    }

    /** Sets the name and with it the key it is unique by. */
    public void setName(String name) {
        this.name = name;
        this.nameKey = Names.key(name);
    }

    public String getNameKey() {
        return nameKey;
    }
}
