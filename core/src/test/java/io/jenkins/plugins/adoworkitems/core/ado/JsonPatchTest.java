package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonPatchTest {
    @Test
    void fieldNamesAreEscapedAsJsonPointerTokens() {
        assertThat(JsonPatch.fieldPath("Custom.A/B~C")).isEqualTo("/fields/Custom.A~1B~0C");
        assertThat(JsonPatch.escape("~/")).isEqualTo("~0~1");
    }

    @Test
    void writesTheOperationsAzureDevOpsExpects() {
        JsonPatch patch = JsonPatch.create().testRevision(4).setField("System.Title", "T").removeField("System.Tags")
                .replace("/fields/System.State", "Active").addRelation("Hyperlink", "https://example.org/finding", Map.of());
        assertThat(new String(Json.write(patch.toJson()), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("["
                + "{\"op\":\"test\",\"path\":\"/rev\",\"value\":4},"
                + "{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"T\"},"
                + "{\"op\":\"remove\",\"path\":\"/fields/System.Tags\"},"
                + "{\"op\":\"replace\",\"path\":\"/fields/System.State\",\"value\":\"Active\"},"
                + "{\"op\":\"add\",\"path\":\"/relations/-\",\"value\":{\"rel\":\"Hyperlink\",\"url\":\"https://example.org/finding\"}}]");
        assertThat(patch.testsRevision()).isTrue();
        assertThat(JsonPatch.create().setField("System.Title", "T").testsRevision()).isFalse();
    }
}
