package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.adoworkitems.core.auth.BearerToken;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Runs failing and succeeding calls with every log level on and checks that no secret, nor its Basic encoding,
 * shows up in log records, System.err, exception messages or toString().
 */
class SecretsStayOutTest {
    private static final String PAT = "pat-secret-3c9d1f7a";
    private static final String BEARER = "bearer-secret-77ab02";
    private static final String CLIENT_SECRET = "client-secret-e41b9c";

    @Test
    void noSecretInLogsErrorsOrToString() throws Exception {
        // Other threads (a simulator still closing, HTTP client workers) may log while the test reads.
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Logger root = Logger.getLogger("");
        Level previous = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                seen.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters())
                        + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        PrintStream err = System.err;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try (ScriptedServer server = new ScriptedServer()) {
            ClientSettings settings = ClientSettings.defaults().withUrlPolicy(new UrlPolicy(true, true))
                    .withRetry(RetryPolicy.defaults().withTotalBudget(Duration.ofSeconds(5)).withSleeper(d -> { }));
            server.thenJson(401, "{\"message\":\"TF400813: not authorized\"}")
                    .thenJson(429, "{}", "Retry-After", "1").thenJson(200, "{\"id\":\"p\",\"name\":\"Demo\"}")
                    .then(exchange -> ScriptedServer.reply(exchange, 203, "text/html", "<html>sign in</html>"))
                    .thenLoseAnswer();
            for (var credentials : List.of(new PersonalAccessToken(PAT), new BearerToken(BEARER))) {
                AdoClient client = AdoClient.create(AdoTarget.services(server.url("/demo")), credentials, settings);
                seen.add(credentials.toString());
                seen.add(client.toString());
                for (int i = 0; i < 2; i++) {
                    try {
                        client.create("Demo", "Bug", JsonPatch.create().setField("System.Title", "t"), WriteOptions.DEFAULT);
                    } catch (AdoException e) {
                        seen.add(e.getMessage() + " " + e.userMessage() + " " + e);
                    }
                }
            }
            ConnectionValidator validator = new ConnectionValidator(settings);
            seen.addAll(validator.validate(AdoTarget.services(server.url("/demo")), new PersonalAccessToken(PAT),
                    WorkItemSetup.of("Demo", "Bug", Map.of())).lines());
            seen.add(new ServicePrincipalSecret("tenant", "client", CLIENT_SECRET).toString());
        } finally {
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(previous);
        }
        seen.add(errBytes.toString(StandardCharsets.UTF_8));
        String basic = Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
        assertThat(seen).isNotEmpty().noneMatch(text -> text.contains(PAT) || text.contains(BEARER)
                || text.contains(CLIENT_SECRET) || text.contains(basic) || text.contains("Authorization"));
        assertThat(String.join("\n", seen)).contains("AUTH_REQUIRED");
    }

    @Test
    void aServerTextEchoingTheAuthorizationHeaderLosesIt() throws Exception {
        String basic = Base64.getEncoder().encodeToString((":" + PAT).getBytes(StandardCharsets.UTF_8));
        try (ScriptedServer server = new ScriptedServer()) {
            ClientSettings settings = ClientSettings.defaults().withUrlPolicy(new UrlPolicy(true, true))
                    .withRetry(RetryPolicy.defaults().withTotalBudget(Duration.ofSeconds(1)).withSleeper(d -> { }));
            // Neither the label nor the scheme: only knowing the request's credentials finds these.
            server.thenJson(400, "{\"message\":\"VS403403: bad request; echo " + basic + " / " + PAT + "\"}")
                    .then(exchange -> ScriptedServer.reply(exchange, 401, "text/plain", "denied for token " + PAT));
            AdoClient client = AdoClient.create(AdoTarget.services(server.url("/demo")), new PersonalAccessToken(PAT),
                    settings);
            List<String> seen = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try {
                    client.project("Demo");
                } catch (AdoException e) {
                    seen.add(e.userMessage());
                }
            }
            assertThat(seen).hasSize(2).allSatisfy(message -> assertThat(message).doesNotContain(PAT)
                    .doesNotContain(basic).doesNotContain(basic.substring(0, basic.length() - 4)).contains("****"));
        }
    }

    @Test
    void aUrlWithAPasswordIsShownWithoutIt() {
        AdoTarget target = AdoTarget.parse("https://user:hunter2-pw@ado.example.com/tfs/Main");

        assertThat(target.toString()).doesNotContain("hunter2").contains("https://****@ado.example.com/tfs/Main");
        for (String bad : List.of("http://user:hunter2-pw@host:99999999999/x y", "https://user:hunter2-pw@dev.azure.com/",
                "https://user:hunter2-pw@host/?q=1")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> AdoTarget.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("hunter2");
        }
    }
}
