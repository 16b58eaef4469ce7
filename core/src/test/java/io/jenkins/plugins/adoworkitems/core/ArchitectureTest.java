package io.jenkins.plugins.adoworkitems.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The core is a plain library: no Jenkins types, and packages depend on each other only as docs/architecture.md
 * draws it. A new package or dependency means updating that page and these rules together.
 */
class ArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.adoworkitems.core";
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void coreUsesNoJenkinsApi() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..", "org.jenkinsci..")
                .because("core must build from Maven Central alone and be reusable outside Jenkins")
                .check(core);
    }

    @Test
    void findingModelDependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage(ROOT + ".finding..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".parse..")
                .because("the finding model is the vocabulary every other package shares")
                .check(core);
    }

    @Test
    void parsersDependOnlyOnTheFindingModel() {
        noClasses().that().resideInAPackage(ROOT + ".parse..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ado..", ROOT + ".sync..", ROOT + ".template..")
                .because("parsing runs on Jenkins agents and knows nothing of Azure DevOps")
                .check(core);
    }

    @Test
    void theAzureDevOpsClientKnowsNothingOfFindings() {
        noClasses().that().resideInAnyPackage(ROOT + ".ado..", ROOT + ".auth..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".finding..", ROOT + ".parse..",
                        ROOT + ".template..", ROOT + ".sync..")
                .because("the client speaks Azure DevOps REST only; the sync engine maps findings onto it")
                .check(core);
    }

    @Test
    void authenticationDoesNotDependOnTheClient() {
        noClasses().that().resideInAPackage(ROOT + ".auth..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".ado..")
                .check(core);
    }

    @Test
    void templatesDoNotTalkToAzureDevOps() {
        noClasses().that().resideInAPackage(ROOT + ".template..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".ado..", ROOT + ".auth..", ROOT + ".sync..")
                .because("templates are values the plugin, the CLI and files share; rendering needs no server")
                .check(core);
    }

    @Test
    void formatParsersDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage(ROOT + ".parse.sarif..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".parse.scanner..")
                .check(core);
        noClasses().that().resideInAPackage(ROOT + ".parse.scanner..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".parse.sarif..")
                .check(core);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(core);
    }
}
