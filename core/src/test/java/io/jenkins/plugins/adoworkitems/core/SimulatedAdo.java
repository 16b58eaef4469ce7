package io.jenkins.plugins.adoworkitems.core;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.RetryPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.auth.Credentials;
import io.jenkins.plugins.adoworkitems.core.auth.EntraSettings;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.LoggedRequest;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A simulator on loopback and clients for it, set up as a user on premises would: the test's starting point
 * wherever the client, the sync or sign-in meets the simulator.
 */
public final class SimulatedAdo implements AutoCloseable {
    /** The PAT of {@link SimulatorConfig#defaults()}. */
    public static final String PAT = "sim-pat";

    private final AdoSimulator simulator;
    private final AdoTarget target;

    private SimulatedAdo(AdoSimulator simulator, AdoTarget target) {
        this.simulator = simulator;
        this.target = target;
    }

    /** Organization "demo" with project "Demo" (Agile), PAT {@link #PAT}. */
    public static SimulatedAdo defaults() throws IOException {
        return services(SimulatorConfig.defaults());
    }

    /** Targets the config's first account as an Azure DevOps Services organization. */
    public static SimulatedAdo services(SimulatorConfig config) throws IOException {
        AdoSimulator simulator = AdoSimulator.start(config);
        return new SimulatedAdo(simulator,
                AdoTarget.services(URI.create(simulator.organizationUrl(config.accounts().get(0).name()))));
    }

    /** Targets a collection as an Azure DevOps Server. */
    public static SimulatedAdo server(SimulatorConfig config, String collection) throws IOException {
        AdoSimulator simulator = AdoSimulator.start(config);
        return new SimulatedAdo(simulator, AdoTarget.server(URI.create(simulator.collectionUrl(collection))));
    }

    public AdoSimulator simulator() {
        return simulator;
    }

    public AdoTarget target() {
        return target;
    }

    /**
     * Loopback allowed (plain http only when the simulator speaks it), retries without sleeping, and with https the
     * simulator's certificate trusted and its token endpoint standing in for Entra ID.
     */
    public ClientSettings settings() {
        boolean https = simulator.clientSslContext() != null;
        ClientSettings settings = ClientSettings.defaults().withUrlPolicy(UrlPolicy.onPremises(!https))
                .withRetry(RetryPolicy.defaults().withTotalBudget(Duration.ofSeconds(60)).withSleeper(d -> { }));
        if (!https) {
            return settings;
        }
        return settings.withSslContext(simulator.clientSslContext())
                .withEntra(EntraSettings.publicCloud().withAuthorityHost(simulator.baseUri())
                        .withSslSocketFactory(simulator.clientSslContext().getSocketFactory()));
    }

    /** A new client with the PAT {@link #PAT}, as a new process would have. */
    public AdoClient client() {
        return client(PAT);
    }

    public AdoClient client(String pat) {
        return client(new PersonalAccessToken(pat));
    }

    public AdoClient client(Credentials credentials) {
        return AdoClient.create(target, credentials, settings());
    }

    /** Every work item of the project, through a client, except the syncs' lease items (docs/sync.md). */
    public List<WorkItem> items(String project) throws AdoException {
        return allItems(project).stream().filter(item -> !isLease(item)).toList();
    }

    /** The syncs' lease items of the project: one per template that created items. */
    public List<WorkItem> leases(String project) throws AdoException {
        return allItems(project).stream().filter(SimulatedAdo::isLease).toList();
    }

    private List<WorkItem> allItems(String project) throws AdoException {
        AdoClient client = client();
        return client.workItems(client.wiql(project, "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project", 20_000));
    }

    private static boolean isLease(WorkItem item) {
        String tags = item.field("System.Tags");
        return tags != null && tags.toLowerCase(java.util.Locale.ROOT).contains("adowi-lease-");
    }

    public int writes() {
        return simulator.requestLog().writes();
    }

    /** The logged requests that match, waiting at most 5 s for {@code atLeast} of them, so no test races the log. */
    public List<LoggedRequest> awaitRequests(Predicate<LoggedRequest> filter, int atLeast) throws InterruptedException {
        List<LoggedRequest> matching = List.of();
        for (int i = 0; i < 100; i++) {
            matching = simulator.requestLog().entries().stream().filter(filter).toList();
            if (matching.size() >= atLeast) {
                break;
            }
            Thread.sleep(50);
        }
        return matching;
    }

    @Override
    public void close() {
        simulator.close();
    }
}
