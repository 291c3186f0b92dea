package org.socketboard.security.account;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/** The password hashing and the role hierarchy shared by login, method security and views. */
@Configuration(proxyBeanMethods = false)
class AccountBeans {

    /** bcrypt today; the {id} prefix in each stored hash lets a later algorithm coexist with old hashes. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** ADMIN > EDITOR > VIEWER: {@code @RolesAllowed("EDITOR")} admits admins too. Static: method security reads it early. */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role("ADMIN").implies("EDITOR")
                .role("EDITOR").implies("VIEWER")
                .build();
    }
}
