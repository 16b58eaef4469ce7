package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.SimulatedAdo;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ad-hoc item of a pipeline, against the simulator. */
class SingleItemTest {
    @Test
    void createsOneItemFromTheTemplateAndTheCallersFields() throws Exception {
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            Template ops = new Template("ops", "", "Demo", "Task", "Demo", "", List.of("ops", "on-call"), "", Severity.INFO,
                    null, "", "", Map.of("Microsoft.VSTS.Common.Activity", "Deployment"), Routing.ANY, Grouping.FINDING,
                    0, false, "", null, false);

            CreatedItem created = SingleItem.create(ado.client(), ops, "Deploy  failed\non  prod " + "x".repeat(300),
                    SingleItem.textAsHtml("see <the> log"), 2, Map.of("Microsoft.VSTS.Common.Activity", "Testing"));

            WorkItem item = ado.client().workItem(created.id());
            assertThat(created.url()).isEqualTo(ado.target().url() + "/Demo/_workitems/edit/" + created.id());
            assertThat(item.field("System.Title")).startsWith("Deploy failed on prod xxx").hasSize(255).endsWith("…");
            assertThat(item.field("System.Description")).isEqualTo("<p>see &lt;the&gt; log</p>");
            assertThat(item.field("System.AreaPath")).isEqualTo("Demo");
            assertThat(item.field("System.Tags")).contains("ops").contains("on-call").doesNotContain("adowi-");
            assertThat(item.field("Microsoft.VSTS.Common.Priority")).isEqualTo("2");
            assertThat(item.field("Microsoft.VSTS.Common.Activity")).isEqualTo("Testing");
        }
    }

    @Test
    void refusesWhatAzureDevOpsWouldRefuse() {
        Template ops = Template.of("ops", "Demo", "Task");
        assertThatThrownBy(() -> SingleItem.create(null, ops, " ", "", null, Map.of()))
                .hasMessage("A work item needs a title");
        assertThatThrownBy(() -> SingleItem.create(null, ops, "t", "", 5, Map.of()))
                .hasMessage("A priority is 1 to 4, got 5");
    }

    /** With a dedup key: one open item per key; asked again it gets a comment, once closed a new item is made. */
    @Test
    void aDedupKeyKeepsOneOpenItemPerKey() throws Exception {
        try (SimulatedAdo ado = SimulatedAdo.defaults()) {
            Template ops = Template.of("ops", "Demo", "Task");

            CreatedItem first = SingleItem.create(ado.client(), ops, "Deploy failed on prod", "", null, Map.of(), "deploy-prod");
            CreatedItem again = SingleItem.create(ado.client(), ops, "Deploy failed on prod (build 13)", "", null, Map.of(),
                    "deploy-prod");
            CreatedItem other = SingleItem.create(ado.client(), ops, "Deploy failed on staging", "", null, Map.of(),
                    "deploy-staging");

            assertThat(first.created()).isTrue();
            assertThat(again.created()).isFalse();
            assertThat(again.id()).isEqualTo(first.id());
            assertThat(other.id()).isNotEqualTo(first.id());
            assertThat(ado.client().comments("Demo", first.id())).extracting(io.jenkins.plugins.adoworkitems.core.ado.Comment::text)
                    .containsExactly("Asked for again: Deploy failed on prod (build 13)");
            assertThat(ado.items("Demo")).hasSize(2);

            WorkItem item = ado.client().workItem(first.id());
            ado.client().update(first.id(), io.jenkins.plugins.adoworkitems.core.ado.JsonPatch.create()
                    .testRevision(item.rev()).setField("System.State", "Closed"),
                    io.jenkins.plugins.adoworkitems.core.ado.WriteOptions.DEFAULT);
            CreatedItem afterClosing = SingleItem.create(ado.client(), ops, "Deploy failed on prod", "", null, Map.of(),
                    "deploy-prod");
            assertThat(afterClosing.created()).isTrue();
            assertThat(afterClosing.id()).isNotEqualTo(first.id());
            assertThat(ado.items("Demo")).hasSize(3);
        }
    }
}
