package org.socketboard;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.socketboard.base.ui.MainLayout;
import org.socketboard.base.ui.Notifications;
import org.socketboard.dashboard.chart.ApexChart;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
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
    static final ArchRule baseDependsOnNoFeature = classes()
            .that().resideInAPackage("org.socketboard.base..").and().resideOutsideOfPackage("org.socketboard.base.ui..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.socketboard.base..", "java..", "jakarta..",
                    "org.springframework..", "org.hibernate..", "com.fasterxml.jackson..", "org.slf4j..")
            .because("every feature builds on base (entities, names, JSON), so base builds on none of them")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule upstreamIsBelowTheFeatures = noClasses()
            .that().resideInAPackage("org.socketboard.upstream..")
            .should().dependOnClassesThat().resideInAnyPackage("org.socketboard.service..", "org.socketboard.variable..",
                    "org.socketboard.dashboard..", "org.socketboard.push..", "org.socketboard.api..",
                    "org.socketboard.cluster..", "org.socketboard.demofeed..", "..ui..")
            .because("upstream connections are the ground floor: Test connection and the runtime build on them");

    /**
     * Client sockets of any kind (the demo feeds' server side uses none of these). Test code, which runs
     * its own loopback servers and clients, is not imported here.
     */
    @ArchTest
    static final ArchRule onlyUpstreamOpensSockets = noClasses()
            .that().resideOutsideOfPackage("org.socketboard.upstream..")
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "org.apache.tomcat.websocket..",
                    "org.springframework.web.socket.client..")
            .orShould().dependOnClassesThat().belongToAnyOf(java.net.Socket.class, java.net.URLConnection.class,
                    java.nio.channels.SocketChannel.class, javax.net.ssl.SSLSocket.class,
                    jakarta.websocket.WebSocketContainer.class, jakarta.websocket.ContainerProvider.class)
            .because("every upstream connection goes through the connection policy, TLS trust and budget in upstream");

    @ArchTest
    static final ArchRule liveIsBelowRuntimeAndPush = classes()
            .that().resideInAPackage("org.socketboard.live..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.socketboard.live..", "org.socketboard.base",
                    "java..", "com.fasterxml.jackson..")
            .because("live holds what the runtime publishes and the flusher consumes: no feature, no Vaadin");

    @ArchTest
    static final ArchRule pushKnowsNoFeature = classes()
            .that().resideInAPackage("org.socketboard.push..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.socketboard..")
                    .or(resideInAnyPackage("org.socketboard.push..", "org.socketboard.live..", "org.socketboard.base..")))
            .because("every view (dashboards, the variable page) updates through push, so push sees datasets only "
                    + "through live");

    /**
     * Validators check a definition and say what is wrong; storing, and asking what is stored, is the
     * catalogs'. The caller hands a validator what it needs to know of stored definitions (as functions).
     */
    @ArchTest
    static final ArchRule validatorsOnlyCheck = noClasses()
            .that().resideInAPackage("org.socketboard..").and().haveSimpleNameEndingWith("Validator")
            .should().dependOnClassesThat().areAssignableTo(org.springframework.data.repository.Repository.class)
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Catalog")
            .because("the form, the REST API and a bundle import all go through one validator per definition, "
                    + "and the catalogs only store");

    @ArchTest
    static final ArchRule notificationsComeFromOnePlace = noClasses()
            .that().doNotBelongToAnyOf(Notifications.class)
            .should().dependOnClassesThat().resideInAPackage("com.vaadin.flow.component.notification..")
            .because("every notification looks and lasts the same (success, error, next step): base.ui.Notifications");

    @ArchTest
    static final ArchRule theChartKnowsNoDataset = noClasses()
            .that().belongToAnyOf(ApexChart.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.socketboard.variable..", "org.socketboard.live..")
            .because("ApexChart knows only its own series, as Vaadin Charts' chart does; dashboard.widget.ChartFeed "
                    + "turns dataset changes into points");

    /**
     * The app shell ({@link MainLayout}: layout, menu) assembles the features, so it is a slice of its own;
     * the rest of {@code base.ui} (notifications, theme, viewer time) are building blocks every view uses.
     */
    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices()
            .assignedFrom(new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                    String pkg = javaClass.getPackageName();
                    if (!pkg.startsWith("org.socketboard.")) {
                        return SliceIdentifier.ignore();
                    }
                    if (javaClass.getName().startsWith(MainLayout.class.getName())) {
                        return SliceIdentifier.of("app shell");
                    }
                    return SliceIdentifier.of(pkg.substring("org.socketboard.".length()).split("\\.")[0]);
                }

                @Override
                public String getDescription() {
                    return "features of org.socketboard, with the app shell MainLayout apart";
                }
            })
            .should().beFreeOfCycles();
}
