package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiVersionsTest {
    private static ApiVersions negotiate(String workItemsMax, String commentsMax, String commentsReleased,
            ApiVersion fixed) throws Exception {
        String json = "{\"count\":2,\"value\":["
                + "{\"id\":\"72c7ddf8-2cdc-4f60-90cd-ab71c14a399b\",\"area\":\"wit\",\"resourceName\":\"workItems\","
                + "\"resourceVersion\":3,\"minVersion\":\"1.0\",\"maxVersion\":\"" + workItemsMax + "\",\"releasedVersion\":\"" + workItemsMax + "\"},"
                + "{\"id\":\"608aac0a-32e1-4493-a863-b9cf4566d257\",\"area\":\"wit\",\"resourceName\":\"comments\","
                + "\"resourceVersion\":3,\"minVersion\":\"5.0\",\"maxVersion\":\"" + commentsMax + "\",\"releasedVersion\":\"" + commentsReleased + "\"}]}";
        return ApiVersions.negotiate(Json.parse(json.getBytes(StandardCharsets.UTF_8)), fixed);
    }

    @Test
    void servicesUse71AndThePreviewCommentsApi() {
        assertThat(ApiVersions.services(null)).isEqualTo(new ApiVersions(ApiVersion.V7_1, "7.1-preview.4"));
    }

    @Test
    void serverVersionIsTheNewestSupportedUpToTheServersMaximum() throws Exception {
        assertThat(negotiate("7.0", "7.0", "0.0", null)).isEqualTo(new ApiVersions(ApiVersion.V7_0, "7.0-preview.3"));
        assertThat(negotiate("6.1", "6.1", "0.0", null)).isEqualTo(new ApiVersions(ApiVersion.V6_0, "6.0-preview.3"));
        assertThat(negotiate("7.2", "7.2", "7.1", null)).isEqualTo(new ApiVersions(ApiVersion.V7_1, "7.1"));
    }

    @Test
    void aFixedVersionWinsButCommentsAreStillNegotiated() throws Exception {
        assertThat(negotiate("7.1", "7.1", "0.0", ApiVersion.V6_0)).isEqualTo(new ApiVersions(ApiVersion.V6_0, "6.0-preview.3"));
    }

    @Test
    void targetsAreRecognisedFromTheirUrl() {
        assertThat(AdoTarget.parse("https://dev.azure.com/fabrikam/").flavour()).isEqualTo(AdoTarget.Flavour.SERVICES);
        assertThat(AdoTarget.parse("https://dev.azure.com/fabrikam/").url()).isEqualTo(URI.create("https://dev.azure.com/fabrikam"));
        assertThat(AdoTarget.parse("https://fabrikam.visualstudio.com").flavour()).isEqualTo(AdoTarget.Flavour.SERVICES);
        assertThat(AdoTarget.parse("https://tfs.example.org/tfs/DefaultCollection").flavour()).isEqualTo(AdoTarget.Flavour.SERVER);
        assertThatThrownBy(() -> AdoTarget.parse("https://dev.azure.com/")).hasMessageContaining("ORGANIZATION");
        assertThatThrownBy(() -> AdoTarget.parse("https://tfs.example.org/")).hasMessageContaining("collection");
        assertThatThrownBy(() -> ApiVersion.parse("seven")).hasMessageContaining("api-version");
    }
}
