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
                    0, false, "");

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
}
