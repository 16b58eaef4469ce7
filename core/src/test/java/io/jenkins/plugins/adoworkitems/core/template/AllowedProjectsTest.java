package io.jenkins.plugins.adoworkitems.core.template;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllowedProjectsTest {
    private static final AllowedProjects PAYMENTS = AllowedProjects.parse("""
            # the payments team
            Payments
            Shared\\Payments\\
            """);

    private static Template template(String project, String area, Map<String, String> fields) {
        return new Template("team", "", project, "Bug", area, "", null, "", null, null, "", "", fields, null, null, 0,
                false, "", null, false);
    }

    @Test
    void aProjectEntryAllowsEveryAreaOfIt() {
        assertThat(PAYMENTS.problem(template("Payments", "", Map.of()), Map.of())).isEmpty();
        assertThat(PAYMENTS.problem(template("payments", "PAYMENTS\\Checkout\\Cards", Map.of()), Map.of())).isEmpty();
    }

    @Test
    void anAreaEntryAllowsItselfAndBelowButNotTheProjectRoot() {
        assertThat(PAYMENTS.problem(template("Shared", "Shared\\Payments", Map.of()), Map.of())).isEmpty();
        assertThat(PAYMENTS.problem(template("Shared", "Shared\\Payments\\Refunds", Map.of()), Map.of())).isEmpty();
        assertThat(PAYMENTS.problem(template("Shared", "", Map.of()), Map.of())).hasValueSatisfying(problem ->
                assertThat(problem).isEqualTo("template team writes to project Shared, outside what the connection"
                        + " allows: Payments, Shared\\Payments"));
        assertThat(PAYMENTS.problem(template("Shared", "Shared\\PaymentsArchive", Map.of()), Map.of())).isPresent();
    }

    @Test
    void anotherProjectOrAnAreaOfAnotherProjectIsRefused() {
        assertThat(PAYMENTS.problem(template("Web", "", Map.of()), Map.of())).hasValueSatisfying(problem ->
                assertThat(problem).contains("project Web,").contains("Payments, Shared\\Payments"));
        assertThat(PAYMENTS.problem(template("Payments", "Web\\Payments", Map.of()), Map.of()))
                .hasValueSatisfying(problem -> assertThat(problem).contains("area path Web\\Payments"));
    }

    @Test
    void fieldsThatSetTheAreaAreCheckedAndPlaceholdersInThemRefused() {
        assertThat(PAYMENTS.problem(template("Payments", "", Map.of("System.AreaPath", "Web")), Map.of())).isPresent();
        assertThat(PAYMENTS.problem(template("Payments", "", Map.of()), Map.of("system.areapath", "Web\\X")))
                .isPresent();
        assertThat(PAYMENTS.problem(template("Payments", "", Map.of("System.AreaPath", "Payments\\${tool}")),
                Map.of())).hasValueSatisfying(problem -> assertThat(problem).contains("per finding"));
        assertThat(PAYMENTS.problem(template("Payments", "", Map.of("System.AreaPath", "Payments\\Api")), Map.of()))
                .isEmpty();
    }

    @Test
    void emptyAllowsAnything() {
        assertThat(AllowedProjects.parse(" \n# nothing\n").isEmpty()).isTrue();
        assertThat(AllowedProjects.ANY.problem(template("Web", "", Map.of()), Map.of())).isEmpty();
    }

    @Test
    void aLineThatIsNoPathIsNamed() {
        assertThatThrownBy(() -> AllowedProjects.parse("Payments\nWeb\\\\Api\n"))
                .hasMessage("line 2: 'Web\\\\Api' is not a project or an area path (Project or Project\\Area\\Path)");
        assertThatThrownBy(() -> AllowedProjects.parse("\\\\\n")).hasMessageStartingWith("line 1:");
    }
}
