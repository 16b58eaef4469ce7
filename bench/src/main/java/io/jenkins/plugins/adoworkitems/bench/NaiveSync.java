package io.jenkins.plugins.adoworkitems.bench;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.JsonPatch;
import io.jenkins.plugins.adoworkitems.core.ado.WriteOptions;
import io.jenkins.plugins.adoworkitems.core.finding.Finding;
import io.jenkins.plugins.adoworkitems.core.parse.Report;
import io.jenkins.plugins.adoworkitems.core.template.Description;
import io.jenkins.plugins.adoworkitems.core.template.LinkContext;
import io.jenkins.plugins.adoworkitems.core.template.Placeholders;
import io.jenkins.plugins.adoworkitems.core.template.Template;

import java.util.List;

/**
 * What common scan-to-ticket integrations do, as the baseline: for each finding, one WIQL query for its
 * fingerprint tag, then one create when nothing carries it; one request at a time. The item it creates has the
 * same title, description and fingerprint tag as ours, so both modes store the same data.
 */
final class NaiveSync {
    private final AdoClient client;
    private final Template template;

    NaiveSync(AdoClient client, Template template) {
        this.client = client;
        this.template = template;
    }

    /** What one naive run did. Failed findings are those whose lookup or create gave up (after the client's retries). */
    record Outcome(int lookups, int creates, int failed, String firstError) {
    }

    Outcome run(List<Report> reports) {
        int lookups = 0;
        int creates = 0;
        int failed = 0;
        String firstError = "";
        for (Report report : reports) {
            for (Finding finding : report.findings()) {
                try {
                    lookups++;
                    if (client.wiql(template.project(), query(finding), 1).isEmpty()) {
                        client.create(template.project(), template.workItemType(), patch(finding), WriteOptions.DEFAULT);
                        creates++;
                    }
                } catch (AdoException e) {
                    failed++;
                    firstError = firstError.isEmpty() ? e.getMessage() : firstError;
                }
            }
        }
        return new Outcome(lookups, creates, failed, firstError);
    }

    /** Fingerprints are hex, so the tag needs no escaping in WIQL. */
    private static String query(Finding finding) {
        return "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Tags] CONTAINS 'adowi-"
                + finding.fingerprint().value() + "'";
    }

    /** Azure DevOps takes at most 255 characters on one line. */
    private static String title(Finding finding) {
        String title = Placeholders.defaultTitle(finding).replaceAll("\\s+", " ").trim();
        return title.length() <= 255 ? title : title.substring(0, 254) + "…";
    }

    private JsonPatch patch(Finding finding) {
        return JsonPatch.create()
                .setField("System.Title", title(finding))
                .setField("Microsoft.VSTS.TCM.ReproSteps", Description.render(List.of(finding), template, LinkContext.NONE).html())
                .setField("System.Tags", "adowi-" + finding.fingerprint().value());
    }
}
