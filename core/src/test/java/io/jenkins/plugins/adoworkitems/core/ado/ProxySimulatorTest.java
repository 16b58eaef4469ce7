package io.jenkins.plugins.adoworkitems.core.ado;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.adoworkitems.core.auth.Authenticator;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.core.auth.ServicePrincipalSecret;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.ForwardProxy;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.PatState;
import io.jenkins.plugins.adoworkitems.simulator.Process;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;
import java.net.PasswordAuthentication;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client goes through the proxy it is given: plain http in absolute form, https through a {@code CONNECT}
 * tunnel, a proxy login only when the proxy asks (407), and Entra ID's token requests through the same proxy.
 */
class ProxySimulatorTest {
    private static final String PAT = "proxy-test-pat";
    private static final String TENANT = "contoso-tenant";
    private static final String CLIENT = "11111111-aaaa-4bbb-8ccc-000000000009";
    private static final String SECRET = "sp-secret-Proxy~1";
    private static final PasswordAuthentication LOGIN = new PasswordAuthentication("builder", "proxy-pw-7".toCharArray());

    private static AdoSimulator http;
    private static AdoSimulator https;

    @BeforeAll
    static void start() throws Exception {
        http = AdoSimulator.start(config(false));
        https = AdoSimulator.start(config(true));
    }

    private static SimulatorConfig config(boolean tls) {
        return SimulatorConfig.builder().organization("acme").project("acme", "Web", Process.AGILE)
                .pat(PAT, PatState.VALID).servicePrincipal(TENANT, CLIENT, SECRET).https(tls).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    private static AdoClient client(AdoSimulator simulator, ForwardProxy proxy, PasswordAuthentication login) {
        ClientSettings settings = ClientSettings.defaults().withUrlPolicy(UrlPolicy.onPremises(true))
                .withRetry(RetryPolicy.defaults().withSleeper(d -> { }))
                .withProxy(proxy.selector(), login);
        if (simulator.clientSslContext() != null) {
            settings = settings.withSslContext(simulator.clientSslContext());
        }
        return AdoClient.create(AdoTarget.services(URI.create(simulator.organizationUrl("acme"))),
                new PersonalAccessToken(PAT), settings);
    }

    @Test
    void plainHttpGoesThroughTheProxyAndLogsInWhenAsked() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", "proxy-pw-7")) {
            WorkItem created = client(http, proxy, LOGIN).create("Web", "Bug",
                    JsonPatch.create().setField("System.Title", "through the proxy"), WriteOptions.DEFAULT);

            assertThat(created.id()).isPositive();
            // The login goes with the first request: no 407 round trip.
            assertThat(proxy.refused()).isEmpty();
            assertThat(proxy.forwarded()).last().asString()
                    .startsWith("POST " + http.organizationUrl("acme") + "/Web/_apis/wit/workitems/");
            // The PAT still reached Azure DevOps: a proxy login must not replace the Authorization header.
            LoggedRequest last = last(http);
            assertThat(last.method()).isEqualTo("POST");
            assertThat(last.status()).isEqualTo(200);
        }
    }

    @Test
    void aProxyWantingALoginThatIsNotGivenIsProxyAuthRequired() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", "proxy-pw-7")) {
            int before = http.requestLog().count();

            assertThatThrownBy(() -> client(http, proxy, null).project("Web"))
                    .isInstanceOfSatisfying(AdoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROXY_AUTH_REQUIRED);
                        assertThat(e.httpStatus()).isEqualTo(407);
                        assertThat(e.getMessage()).contains("proxy");
                    });
            assertThat(http.requestLog().count()).isEqualTo(before);
        }
    }

    @Test
    void httpsIsTunnelledThroughTheProxy() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.open()) {
            Project project = client(https, proxy, null).project("Web");

            assertThat(project.name()).isEqualTo("Web");
            assertThat(proxy.forwarded()).isNotEmpty()
                    .allMatch(line -> line.equals("CONNECT 127.0.0.1:" + https.baseUri().getPort()));
        }
    }

    @Test
    void httpsIsTunnelledThroughAProxyThatWantsALogin() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", "proxy-pw-7")) {
            Project project = client(https, proxy, LOGIN).project("Web");

            assertThat(project.name()).isEqualTo("Web");
            assertThat(proxy.refused()).isEmpty();
            assertThat(proxy.forwarded()).isNotEmpty();
        }
    }

    @Test
    void aRefusedTunnelIsProxyAuthRequired() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.requiringLogin("builder", "proxy-pw-7")) {
            assertThatThrownBy(() -> client(https, proxy, null).project("Web"))
                    .isInstanceOfSatisfying(AdoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.PROXY_AUTH_REQUIRED);
                        assertThat(e.getMessage()).contains("proxy").doesNotContain(PAT);
                    });
            assertThat(proxy.refused()).isNotEmpty();
        }
    }

    @Test
    void aProxyThatIsDownIsNamedAsTheOneNotAnswering() throws Exception {
        ForwardProxy proxy = ForwardProxy.open();
        proxy.close();

        assertThatThrownBy(() -> client(http, proxy, null).project("Web"))
                .isInstanceOfSatisfying(AdoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NETWORK);
                    assertThat(e.getMessage()).containsPattern("Cannot connect to the proxy [^ ]+:" + proxy.port()
                            + " \\(on the way to 127\\.0\\.0\\.1\\)");
                });
    }

    @Test
    void entraTokensAreFetchedThroughTheSameProxy() throws Exception {
        try (ForwardProxy proxy = ForwardProxy.open()) {
            EntraSettings entra = EntraSettings.publicCloud().withAuthorityHost(https.baseUri())
                    .withSslSocketFactory(https.clientSslContext().getSocketFactory());

            String authorization = Authenticator.of(new ServicePrincipalSecret(TENANT, CLIENT, SECRET), entra,
                    proxy.selector()).authorization();

            assertThat(authorization).startsWith("Bearer ");
            assertThat(proxy.forwarded()).contains("CONNECT 127.0.0.1:" + https.baseUri().getPort());
        }
    }

    private static LoggedRequest last(AdoSimulator simulator) {
        List<LoggedRequest> entries = simulator.requestLog().entries();
        return entries.get(entries.size() - 1);
    }
}
