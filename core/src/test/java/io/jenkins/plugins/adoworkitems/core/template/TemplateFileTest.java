package io.jenkins.plugins.adoworkitems.core.template;

import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplateFileTest {
    private static final String GOOD = """
            connections:
              - name: contoso
                url: https://dev.azure.com/contoso
            templates:
              - name: security-bugs
                connection: contoso
                project: Security
                type: Bug
                areaPath: 'Security\\AppSec'
                tags: [security, sast]
                threshold: high
                priorities: {critical: 1, high: 1}
                fields:
                  Custom.Team: AppSec
                  Custom.Rule: ${rule.id}
                match:
                  minSeverity: high
                  tools: [Trivy, CodeQL]
                groupBy: package
                maxNewItems: 25
                resolveFixed: true
                triage:
                  tags: [risk-accepted, wont-fix]
                  reasons: []
                  expiryField: Custom.AcceptedUntil
                pullRequests: true
              - name: backlog
                project: Backlog
                type: Task
                match: {maxSeverity: medium}
            """;

    @Test
    void readsEveryKey() throws TemplateException {
        TemplateFile.Contents contents = TemplateFile.parse("t.yaml", GOOD);
        assertThat(contents.connections()).containsExactly(new TemplateFile.Connection("contoso", "https://dev.azure.com/contoso", null,
                false, false));
        Template bugs = contents.template("security-bugs");
        assertThat(bugs.project()).isEqualTo("Security");
        assertThat(bugs.workItemType()).isEqualTo("Bug");
        assertThat(bugs.areaPath()).isEqualTo("Security\\AppSec");
        assertThat(bugs.tags()).containsExactly("security", "sast");
        assertThat(bugs.threshold()).isEqualTo(Severity.HIGH);
        assertThat(bugs.severityMapping().priority(Severity.HIGH)).isEqualTo(1);
        assertThat(bugs.severityMapping().priority(Severity.MEDIUM)).isEqualTo(3);
        assertThat(bugs.severityMapping().severityValue(Severity.CRITICAL)).isEqualTo("1 - Critical");
        assertThat(bugs.fields()).containsEntry("Custom.Rule", "${rule.id}");
        assertThat(bugs.routing().minSeverity()).isEqualTo(Severity.HIGH);
        assertThat(bugs.grouping()).isEqualTo(Grouping.PACKAGE);
        assertThat(bugs.maxNewItems()).isEqualTo(25);
        assertThat(bugs.resolveFixed()).isTrue();
        assertThat(bugs.triage()).isEqualTo(new Triage(Triage.DEFAULT.categories(), java.util.List.of(),
                java.util.List.of("risk-accepted", "wont-fix"), "Custom.AcceptedUntil"));
        assertThat(bugs.pullRequests()).isTrue();
        assertThat(contents.template("backlog").triage()).isEqualTo(Triage.DEFAULT);
        assertThat(contents.template("backlog").pullRequests()).isFalse();
        assertThat(contents.template("backlog").routing().maxSeverity()).isEqualTo(Severity.MEDIUM);
        assertThat(contents.template("backlog").threshold()).isEqualTo(Severity.INFO);
    }

    @Test
    void unknownKeyNamesLineAndKnownKeys() {
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates:\n  - name: a\n    projct: X\n"))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("t.yaml: line 3")
                .hasMessageContaining("unknown key 'projct'")
                .hasMessageContaining("project");
    }

    @Test
    void missingRequiredValueNamesTheTemplate() {
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates:\n  - name: a\n    type: Bug\n"))
                .hasMessage("t.yaml: templates[0] ('a'): A template needs a project");
    }

    @Test
    void badSeverityAndPlaceholderAreExplained() {
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates:\n  - {name: a, project: P, type: Bug, threshold: hgh}\n"))
                .hasMessageContaining("Unknown severity 'hgh'");
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates:\n  - {name: a, project: P, type: Bug, title: '${rule.idd}'}\n"))
                .hasMessageContaining("title: unknown placeholder ${rule.idd}");
    }

    @Test
    void duplicateNamesAndMalformedYamlAreRejected() {
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml",
                "templates:\n  - {name: a, project: P, type: Bug}\n  - {name: a, project: Q, type: Bug}\n"))
                .hasMessageContaining("another template has the name 'a'");
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates: [ {name: a\n"))
                .hasMessageContaining("t.yaml: line").hasMessageContaining("not valid YAML or JSON");
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", ""))
                .hasMessageContaining("the file is empty");
    }

    @Test
    void tagsCannotSmuggleASeparator() {
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates:\n  - {name: a, project: P, type: Bug, tags: ['x; y']}\n"))
                .hasMessageContaining("A tag cannot contain ';'");
    }

    @Test
    void aConnectionOptsIntoHttpAndPrivateAddressesEachOnItsOwn() throws TemplateException {
        TemplateFile.Contents contents = TemplateFile.parse("t.yaml", """
                connections:
                  - {name: lab, url: http://10.0.0.5:8080/tfs/DefaultCollection, allowHttp: true, allowPrivateUrls: true}
                  - {name: intranet, url: https://ado.corp/tfs/DefaultCollection, allowPrivateUrls: true}
                templates:
                  - {name: a, project: P, type: Bug}
                """);

        assertThat(contents.connections()).containsExactly(
                new TemplateFile.Connection("lab", "http://10.0.0.5:8080/tfs/DefaultCollection", null, true, true),
                new TemplateFile.Connection("intranet", "https://ado.corp/tfs/DefaultCollection", null, false, true));
    }

    @Test
    void anUnknownConnectionKeyNamesItsLineAndTheKnownKeys() {
        // The CLI flag's spelling is the one key; a near miss must not silently leave the policy strict.
        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", """
                connections:
                  - name: lab
                    url: http://10.0.0.5/tfs/DefaultCollection
                    allowPrivateAddresses: true
                templates:
                  - {name: a, project: P, type: Bug}
                """))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("t.yaml: line 4")
                .hasMessageContaining("unknown key 'allowPrivateAddresses'")
                .hasMessageEndingWith("known keys: allowHttp, allowPrivateUrls, apiVersion, name, url");
    }

    @Test
    void theDocumentedSchemaListsExactlyTheConnectionKeysTheReaderKnows() throws Exception {
        com.fasterxml.jackson.databind.JsonNode schema = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("..", "docs", "templates.schema.json").toFile());
        java.util.Set<String> documented = new java.util.TreeSet<>();
        schema.at("/properties/connections/items/properties").fieldNames().forEachRemaining(documented::add);

        assertThatThrownBy(() -> TemplateFile.parse("t.yaml",
                "connections:\n  - {name: c, url: 'https://dev.azure.com/c', zzz: 1}\ntemplates:\n  - {name: a, project: P, type: Bug}\n"))
                .hasMessageEndingWith("known keys: " + String.join(", ", documented));
    }

    @Test
    void theDocumentedSchemaListsExactlyTheKeysTheReaderKnows() throws Exception {
        com.fasterxml.jackson.databind.JsonNode schema = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(java.nio.file.Path.of("..", "docs", "templates.schema.json").toFile());
        java.util.Set<String> documented = new java.util.TreeSet<>();
        schema.at("/properties/templates/items/properties").fieldNames().forEachRemaining(documented::add);

        assertThatThrownBy(() -> TemplateFile.parse("t.yaml", "templates:\n  - {name: a, project: P, type: Bug, zzz: 1}\n"))
                .hasMessageEndingWith("known keys: " + String.join(", ", documented));
    }
}
