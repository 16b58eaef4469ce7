package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transport behaviour over real loopback HTTP against a scripted server: headers, retries, lost answers, redirects. */
class AdoClientTransportTest {
    static final String PAT = "transport-test-pat-6f1c2e";
    private static final String ITEM_7 = "{\"id\":7,\"rev\":3,\"fields\":{\"System.Title\":\"New title\","
            + "\"System.State\":\"Active\"},\"url\":\"http://x/_apis/wit/workItems/7\"}";

    private ScriptedServer server;
    private final List<Duration> sleeps = new ArrayList<>();
    private AdoClient client;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        client = client(Duration.ofSeconds(120));
    }

    private AdoClient client(Duration budget) {
        ClientSettings settings = ClientSettings.defaults()
                .withUrlPolicy(new UrlPolicy(true, true))
                .withRetry(RetryPolicy.defaults().withTotalBudget(budget).withSleeper(sleeps::add));
        return AdoClient.create(AdoTarget.services(server.url("/demo")), new PersonalAccessToken(PAT), settings);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void sendsBasicAuthUserAgentAndSuppressesTheSignInRedirect() throws Exception {
        server.thenJson(200, ITEM_7);
        WorkItem item = client.create("My Project", "Bug", JsonPatch.create().setField("System.Title", "New title"),
                new WriteOptions(true, true, true));

        assertThat(item.id()).isEqualTo(7);
        assertThat(item.field("System.Title")).isEqualTo("New title");
        ScriptedServer.Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/demo/My%20Project/_apis/wit/workitems/$Bug?api-version=7.1"
                + "&validateOnly=true&bypassRules=true&suppressNotifications=true");
        assertThat(request.header("Content-Type")).isEqualTo("application/json-patch+json");
        assertThat(request.header("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8)));
        assertThat(request.header("User-Agent")).startsWith("azure-devops-work-items/");
        assertThat(request.header("X-TFS-FedAuthRedirect")).isEqualTo("Suppress");
        assertThat(request.body()).isEqualTo("[{\"op\":\"add\",\"path\":\"/fields/System.Title\",\"value\":\"New title\"}]");
    }

    @Test
    void signInPageInsteadOfDataIsAuthRequired() {
        server.then(exchange -> ScriptedServer.reply(exchange, 203, "text/html", "<html>Sign in</html>"));
        assertThatThrownBy(() -> client.project("Demo")).isInstanceOfSatisfying(AdoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    }

    @Test
    void htmlWithStatus200IsAuthRequiredToo() {
        server.then(exchange -> ScriptedServer.reply(exchange, 200, "text/html", "<html>Sign in</html>"));
        assertThatThrownBy(() -> client.project("Demo")).isInstanceOfSatisfying(AdoException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_REQUIRED));
    }

    @Test
    void throttledCallsWaitAsToldAndThenSucceed() throws Exception {
        server.thenJson(429, "{\"message\":\"TF400733: throttled\"}", "Retry-After", "7")
                .thenJson(429, "{}", "X-RateLimit-Delay", "2.5")
                .thenJson(200, "{\"id\":\"p1\",\"name\":\"Demo\",\"state\":\"wellFormed\"}");

        assertThat(client.project("Demo").name()).isEqualTo("Demo");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofMillis(2500));
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void throttlingBeyondTheBudgetIsRateLimitedWithTheTimeSpent() {
        client = client(Duration.ofSeconds(30));
        IntStream.range(0, 10).forEach(i -> server.thenJson(429, "{}", "Retry-After", "10"));

        assertThatThrownBy(() -> client.project("Demo")).isInstanceOfSatisfying(AdoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
            assertThat(e.getMessage()).contains("gave up after 3 attempts over 20 s");
        });
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
    }

    @Test
    void serverErrorsOnReadsAreRetriedWithBackoff() throws Exception {
        server.thenJson(503, "{}").thenJson(502, "{}").thenJson(200, "{\"id\":\"p1\",\"name\":\"Demo\"}");
        assertThat(client.project("Demo").name()).isEqualTo("Demo");
        assertThat(sleeps).hasSize(2).allSatisfy(wait -> assertThat(wait).isPositive());
    }

    @Test
    void aCreateWhoseAnswerIsLostIsNotRepeated() {
        server.thenLoseAnswer().thenJson(200, ITEM_7);
        assertThatThrownBy(() -> client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "x"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aCreateFailingWith500IsNotRepeatedEither() {
        server.thenJson(500, "{}").thenJson(200, ITEM_7);
        assertThatThrownBy(() -> client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "x"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN));
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void aThrottledCreateIsRepeatedBecauseAzureDevOpsDidNotApplyIt() throws Exception {
        server.thenJson(429, "{}", "Retry-After", "1").thenJson(200, ITEM_7);
        assertThat(client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "New title"),
                WriteOptions.DEFAULT).id()).isEqualTo(7);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void aGuardedUpdateWhoseAnswerIsLostIsRepeatedAndRecognisedAsApplied() throws Exception {
        server.thenLoseAnswer()
                .thenJson(412, "{\"message\":\"TF26071: This work item has been changed by someone else since you opened it.\"}")
                .thenJson(200, "{\"count\":1,\"value\":[" + ITEM_7 + "]}");

        WorkItem item = client.update(7, JsonPatch.create().testRevision(2).setField("System.Title", "New title"),
                WriteOptions.DEFAULT);

        assertThat(item.rev()).isEqualTo(3);
        assertThat(server.received()).extracting(ScriptedServer.Received::method).containsExactly("PATCH", "PATCH", "POST");
        assertThat(server.received().get(1).body()).contains("\"op\":\"test\",\"path\":\"/rev\",\"value\":2");
    }

    @Test
    void aGuardedUpdateOverwrittenBySomeoneElseIsOutcomeUnknown() {
        server.thenLoseAnswer()
                .thenJson(412, "{\"message\":\"TF26071: changed by someone else\"}")
                .thenJson(200, "{\"count\":1,\"value\":[" + ITEM_7.replace("New title", "Other title") + "]}");
        assertThatThrownBy(() -> client.update(7, JsonPatch.create().testRevision(2).setField("System.Title", "New title"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.OUTCOME_UNKNOWN));
    }

    @Test
    void aConflictWithoutLostAnswerIsConflict() {
        server.thenJson(412, "{\"message\":\"TF26071: changed by someone else\"}");
        assertThatThrownBy(() -> client.update(7, JsonPatch.create().testRevision(2).setField("System.Title", "t"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT));
    }

    @Test
    void redirectToAnotherHostIsRefusedAndGetsNoCredentials() throws Exception {
        try (ScriptedServer other = new ScriptedServer()) {
            String elsewhere = other.url("/steal").toString().replace("127.0.0.1", "localhost");
            server.then(exchange -> ScriptedServer.reply(exchange, 302, "text/plain", "", "Location", elsewhere));
            assertThatThrownBy(() -> client.project("Demo")).isInstanceOfSatisfying(AdoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BASE_URL_BLOCKED));
            assertThat(other.received()).isEmpty();
        }
    }

    @Test
    void redirectOnTheSameHostIsFollowed() throws Exception {
        server.then(exchange -> ScriptedServer.reply(exchange, 301, "text/plain", "", "Location", "/moved"))
                .thenJson(200, "{\"id\":\"p1\",\"name\":\"Demo\"}");
        assertThat(client.project("Demo").name()).isEqualTo("Demo");
        assertThat(server.received().get(1).uri()).isEqualTo("/moved");
        assertThat(server.received().get(1).header("Authorization")).startsWith("Basic ");
    }

    @Test
    void ruleErrorsNameTheFieldAndItsAllowedValues() {
        server.thenJson(400, "{\"message\":\"TF401320: Rule Error for field Severity. Error code: Required, "
                        + "LimitedToValues.\",\"typeKey\":\"RuleValidationException\",\"customProperties\":"
                        + "{\"RuleValidationErrors\":[{\"fieldReferenceName\":\"Microsoft.VSTS.Common.Severity\","
                        + "\"fieldStatusFlags\":\"required, limitedToValues\"}]}}")
                .thenJson(200, "{\"referenceName\":\"Microsoft.VSTS.Common.Severity\",\"allowedValues\":"
                        + "[\"1 - Critical\",\"2 - High\",\"3 - Medium\",\"4 - Low\"]}");
        assertThatThrownBy(() -> client.create("Demo", "Bug", JsonPatch.create()
                .setField("Microsoft.VSTS.Common.Severity", "Huge"), WriteOptions.DEFAULT))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.FIELD_REJECTED);
                    assertThat(e.field()).contains("Microsoft.VSTS.Common.Severity");
                    assertThat(e.allowedValues()).contains("2 - High");
                    assertThat(e.userMessage()).contains("TF401320", "Allowed values: 1 - Critical");
                });
    }

    @Test
    void stateRuleErrorsAreStateTransitionRejected() {
        server.thenJson(400, "{\"message\":\"TF401320: Rule Error for field State.\",\"typeKey\":"
                + "\"RuleValidationException\",\"customProperties\":{\"FieldReferenceName\":\"System.State\"}}");
        assertThatThrownBy(() -> client.update(7, JsonPatch.create().setField("System.State", "Done"),
                WriteOptions.DEFAULT)).isInstanceOfSatisfying(AdoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STATE_TRANSITION_REJECTED));
    }

    @Test
    void readsOfManyIdsAreChunkedBy200() throws Exception {
        IntStream.range(0, 3).forEach(i -> server.thenJson(200, "{\"count\":1,\"value\":[" + ITEM_7 + "]}"));
        List<Integer> ids = IntStream.rangeClosed(1, 450).boxed().toList();
        assertThat(client.workItems(ids)).hasSize(3);
        assertThat(server.received()).hasSize(3);
        assertThat(server.received().get(2).body()).startsWith("{\"ids\":[401,");
    }
}
