package dev.certgate.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.conditions.ArchPredicates.are;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rules between certgate's modules and packages, checked on the compiled classes of the modules (their
 * {@code target/classes}; this module is built after them). Each rule says in its text why it holds.
 */
class ArchitectureTest {

    /** The modules whose classes are checked, by their folder in the repository. */
    private static final List<String> MODULES = List.of("api", "core", "persistence", "ejb", "web", "client",
            "migration");

    /**
     * Package-to-package dependencies that close a cycle and are to go. The cycle rule ignores exactly these edges.
     * Empty since the tables each have one owner (issue 18, point 1); never add to it.
     * Each entry: the package that depends, and the package it depends on (both {@code dev.certgate.<name>}).
     */
    private static final List<Map.Entry<String, String>> KNOWN_CYCLES_TO_BREAK = List.of();

    private static JavaClasses classes;

    @BeforeAll
    static void importModules() {
        Path root = repositoryRoot();
        ClassFileImporter importer = new ClassFileImporter();
        Path[] folders = MODULES.stream().map(module -> root.resolve(module).resolve("target/classes"))
                .toArray(Path[]::new);
        for (Path folder : folders) {
            assertTrue(Files.isDirectory(folder), folder + " is missing: build the whole reactor (mvn test from the "
                    + "repository root), which compiles every module before this one");
        }
        classes = importer.importPaths(folders);
    }

    /** The folder above this module's (Maven runs the tests in the module's folder). */
    private static Path repositoryRoot() {
        Path module = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return module.getParent();
    }

    @Test
    void coreHasNoContainerInIt() {
        noClasses().that().resideInAPackage("dev.certgate.core..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "javax.ejb..", "javax.persistence..",
                        "org.hibernate..", "io.undertow..", "org.xnio..", "org.jboss..", "org.wildfly..",
                        "org.shredzone..")
                .because("the core runs and is tested with nothing but a JDK and Bouncy Castle")
                .check(classes);
    }

    @Test
    void coreUsesTheApiForItsVocabularyOnly() {
        noClasses().that().resideInAPackage("dev.certgate.core..")
                .should().dependOnClassesThat(are(apiExceptionOrService()))
                .because("the core has its own exceptions (dev.certgate.core.CoreException), which ejb maps to the "
                        + "api's at the service boundary; the api's vocabulary (HostName, enums) it may use")
                .check(classes);
    }

    @Test
    void coreDependsOnNothingOfTheServer() {
        noClasses().that().resideInAPackage("dev.certgate.core..")
                .should().dependOnClassesThat(resideInAPackage("dev.certgate..")
                        .and(not(resideInAnyPackage("dev.certgate.core..", "dev.certgate.api.."))))
                .because("the core is below the services, the entities and the gateway")
                .check(classes);
    }

    @Test
    void webSeesOnlyTheApi() {
        noClasses().that().resideInAPackage("dev.certgate.web..")
                .should().dependOnClassesThat(resideInAPackage("dev.certgate..")
                        .and(not(resideInAnyPackage("dev.certgate.web..", "dev.certgate.api.."))))
                .because("the pages and REST call the services through their api interfaces only; entities, the "
                        + "core and the service beans stay on the ejb side")
                .check(classes);
    }

    @Test
    void theClientSeesOnlyTheApiAndTheMigrationReaders() {
        noClasses().that().resideInAPackage("dev.certgate.client..")
                .should().dependOnClassesThat(resideInAPackage("dev.certgate..")
                        .and(not(resideInAnyPackage("dev.certgate.client..", "dev.certgate.api..",
                                "dev.certgate.migration.."))))
                .because("the command-line client talks to the server over EJB remote, with the api jar only, and "
                        + "reads other tools' stores where they live with the migration readers")
                .check(classes);
    }

    @Test
    void theMigrationReadersSeeOnlyTheApi() {
        noClasses().that().resideInAPackage("dev.certgate.migration..")
                .should().dependOnClassesThat(resideInAPackage("dev.certgate..")
                        .and(not(resideInAnyPackage("dev.certgate.migration..", "dev.certgate.api.."))))
                .orShould().dependOnClassesThat().resideInAnyPackage("jakarta..", "org.bouncycastle..")
                .because("the readers are pure code run by the client: they read a source and plan with the api's "
                        + "records; parsing and checking the certificates is the server's (the core's bulk import)")
                .check(classes);
    }

    @Test
    void entitiesNeverLeaveTheEjbSide() {
        noClasses().that().resideInAnyPackage("dev.certgate.api..", "dev.certgate.core..", "dev.certgate.web..",
                        "dev.certgate.client..")
                .should().dependOnClassesThat().areAnnotatedWith("jakarta.persistence.Entity")
                .because("entities are managed objects of the persistence unit; what crosses the remote API are "
                        + "the api's views")
                .check(classes);
    }

    @Test
    void theServerPackagesHaveNoCycles() {
        SliceRule rule = slices().matching("dev.certgate.(*)..").should().beFreeOfCycles()
                .because("a capability depends on another one way only (issue 18)");
        for (Map.Entry<String, String> edge : KNOWN_CYCLES_TO_BREAK) {
            rule = rule.ignoreDependency(resideInAPackage("dev.certgate." + edge.getKey() + ".."),
                    resideInAPackage("dev.certgate." + edge.getValue() + ".."));
        }
        rule.check(classes);
    }

    @Test
    void theCorePackagesHaveNoCycles() {
        ArchRule rule = slices().matching("dev.certgate.core.(*)..").should().beFreeOfCycles()
                .because("each area of the core (pki, vault, sni, renewal) stands on its own or on pki");
        rule.check(classes);
    }

    /** The api's exceptions (CertgateException and its subclasses) and its service interfaces. */
    private static DescribedPredicate<JavaClass> apiExceptionOrService() {
        return resideInAPackage("dev.certgate.api..").and(assignableTo(Throwable.class)
                .or(simpleNameEndingWith("Service"))).as("api exceptions or services");
    }
}
