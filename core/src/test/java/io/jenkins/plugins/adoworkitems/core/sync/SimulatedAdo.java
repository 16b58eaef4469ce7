package io.jenkins.plugins.adoworkitems.core.sync;

import io.jenkins.plugins.adoworkitems.core.ado.AdoClient;
import io.jenkins.plugins.adoworkitems.core.ado.AdoException;
import io.jenkins.plugins.adoworkitems.core.ado.AdoTarget;
import io.jenkins.plugins.adoworkitems.core.ado.ClientSettings;
import io.jenkins.plugins.adoworkitems.core.ado.RetryPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.UrlPolicy;
import io.jenkins.plugins.adoworkitems.core.ado.WorkItem;
import io.jenkins.plugins.adoworkitems.core.auth.PersonalAccessToken;
import io.jenkins.plugins.adoworkitems.simulator.AdoSimulator;
import io.jenkins.plugins.adoworkitems.simulator.SimulatorConfig;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** A fresh simulator and a client for it: what every sync test starts from. */
final class SimulatedAdo implements AutoCloseable {
    final AdoSimulator simulator;
    final AdoTarget target;

    private SimulatedAdo(AdoSimulator simulator, AdoTarget target) {
        this.simulator = simulator;
        this.target = target;
    }

    static SimulatedAdo services(SimulatorConfig config) throws IOException {
        AdoSimulator simulator = AdoSimulator.start(config);
        return new SimulatedAdo(simulator,
                AdoTarget.services(URI.create(simulator.organizationUrl(config.accounts().get(0).name()))));
    }

    static SimulatedAdo defaults() throws IOException {
        return services(SimulatorConfig.defaults());
    }

    static SimulatedAdo server(SimulatorConfig config, String collection) throws IOException {
        AdoSimulator simulator = AdoSimulator.start(config);
        return new SimulatedAdo(simulator, AdoTarget.server(URI.create(simulator.collectionUrl(collection))));
    }

    /** A new client, as a new process would have; retries do not sleep. */
    AdoClient client() {
        ClientSettings settings = ClientSettings.defaults().withUrlPolicy(new UrlPolicy(true, true))
                .withRetry(RetryPolicy.defaults().withTotalBudget(Duration.ofSeconds(60)).withSleeper(d -> { }));
        return AdoClient.create(target, new PersonalAccessToken("sim-pat"), settings);
    }

    /** Every work item of the project, through the client. */
    List<WorkItem> items(String project) throws AdoException {
        AdoClient client = client();
        return client.workItems(client.wiql(project, "SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project", 20_000));
    }

    int writes() {
        return simulator.requestLog().writes();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
