package org.socketboard;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of DESIGN.md ("Packages: by feature, layers inside"). */
@AnalyzeClasses(packages = "org.socketboard", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainDependsOnNothingAboveIt = classes()
            .that().resideInAPackage("..domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(
                    "..domain..", "org.socketboard.base", "java..", "jakarta..",
                    "org.springframework.data..", "org.springframework.lang..",
                    "com.fasterxml.jackson..", "org.hibernate.annotations..")
            .because("the domain is the bottom layer of each feature")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyViewsTouchTheUi = noClasses()
            .that().resideOutsideOfPackages("..ui..", "..widget..", "..chart..", "org.socketboard")
            .should().dependOnClassesThat().resideInAnyPackage("..ui..", "..widget..", "..chart..")
            .because("runtime and services never import UI code");

    @ArchTest
    static final ArchRule repositoriesAreUsedFromServicesOnly = noClasses()
            .that().resideInAnyPackage("..ui..", "..widget..", "..chart..", "..runtime..")
            .should().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
            .because("views and the runtime go through the feature's services");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices()
            .matching("org.socketboard.(*)..")
            .should().beFreeOfCycles();
}
