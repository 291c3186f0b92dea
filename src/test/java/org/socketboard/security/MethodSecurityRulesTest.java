package org.socketboard.security;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.annotation.security.RolesAllowed;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

/**
 * Method security runs on {@code @PreAuthorize} only (see SecurityConfig): a {@code @RolesAllowed} on a
 * service would silently check nothing, so it is allowed on views alone.
 */
@AnalyzeClasses(packages = "org.socketboard", importOptions = ImportOption.DoNotIncludeTests.class)
class MethodSecurityRulesTest {

    @ArchTest
    static final ArchRule rolesAllowedOnlyOnViews = noClasses()
            .that().resideOutsideOfPackages("..ui..")
            .should().beAnnotatedWith(RolesAllowed.class)
            .because("services check roles with @PreAuthorize(\"hasRole('…')\"); @RolesAllowed is Vaadin's view annotation here");

    @ArchTest
    static final ArchRule noRolesAllowedOnMethods = noMethods()
            .should().beAnnotatedWith(RolesAllowed.class)
            .because("services check roles with @PreAuthorize(\"hasRole('…')\"); @RolesAllowed is Vaadin's view annotation here");
}
