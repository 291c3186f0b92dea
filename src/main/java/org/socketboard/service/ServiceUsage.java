package org.socketboard.service;

import java.util.List;

/**
 * Tells the catalog which definitions use a service, so that it can refuse to delete or rename a
 * service still in use. Implemented by features built on services (variables); the service feature
 * cannot import them, so they plug in here as beans.
 */
public interface ServiceUsage {

    /** The names of the variables that use the service with this name; empty when none. */
    List<String> variablesUsing(String serviceName);
}
